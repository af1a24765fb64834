"""The form that creates a token: a name and the scopes it carries."""
from __future__ import annotations

from django import forms

from goldseam.web.api.models import NAME_MAX, SCOPES
from goldseam.web.core.forms import GoldseamForm
from goldseam.web.core.wording import say


class TokenForm(GoldseamForm):
    """Name a new token and choose what it may do."""

    name = forms.CharField(max_length=NAME_MAX)
    scopes = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = say("api.name")
        self.fields["name"].help_text = say("api.name_hint")
        self.fields["scopes"].label = say("api.scopes")
        self.fields["scopes"].choices = [(s, say(f"api.scope_{s}")) for s in SCOPES]

    def clean_scopes(self):
        chosen = self.cleaned_data["scopes"]
        if not chosen:
            raise forms.ValidationError(say("api.no_scope"))
        return chosen
