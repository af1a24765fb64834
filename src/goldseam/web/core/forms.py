"""Give every Goldseam form the same handling of bad input and accessible error wiring.

Length limits and invalid characters get a message from the catalogue next to the field, and
the form keeps everything typed (Django re-renders bound data), so nothing is lost.
"""
from __future__ import annotations

import re

from django import forms

from goldseam.web.core.wording import say

# C0/C1 control characters other than tab, newline and carriage return, and lone surrogates:
# they cannot be stored faithfully in PostgreSQL text (NUL) or shown meaningfully.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def has_bad_chars(text: str) -> bool:
    """Return True when ``text`` holds characters Goldseam refuses to store."""
    return bool(_BAD_CHARS.search(text))


class GoldseamFormMixin:
    """Check text fields for length and bad characters; tie errors to fields for screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                # Text in right-to-left scripts lays out correctly as it is typed.
                field.widget.attrs.setdefault("dir", "auto")
            if isinstance(field, forms.CharField) and field.max_length:
                # The browser counts differently (UTF-16) and cuts text silently, so the limit
                # is enforced on the server with a message instead of a maxlength attribute.
                field.widget.attrs.pop("maxlength", None)
            if field.required:
                field.error_messages["required"] = say("forms.required")

    def full_clean(self):
        super().full_clean()
        self._check_text()
        self._describe_errors()

    def _check_text(self) -> None:
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            if not isinstance(field, forms.CharField) or key not in self.data:
                continue
            raw = self.data.get(key, "")
            if not isinstance(raw, str):
                continue
            if has_bad_chars(raw):
                self._replace_error(name, say("forms.bad_chars"))
            elif field.max_length and len(raw.strip()) > field.max_length:
                self._replace_error(
                    name, say("forms.too_long", limit=f"{field.max_length:,}",
                              count=f"{len(raw.strip()):,}")
                )

    def _replace_error(self, name: str, message: str) -> None:
        self.errors.pop(name, None)
        if hasattr(self, "cleaned_data"):
            self.cleaned_data.pop(name, None)
        self.add_error(name, message)

    def _describe_errors(self) -> None:
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            bound = self[name]
            ids = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                ids.append(f"{bound.auto_id}_helptext")
            widget.attrs["aria-describedby"] = " ".join(ids)
            widget.attrs["aria-invalid"] = "true"


class GoldseamForm(GoldseamFormMixin, forms.Form):
    """A plain form with Goldseam's input checks."""


class GoldseamModelForm(GoldseamFormMixin, forms.ModelForm):
    """A model form with Goldseam's input checks."""
