"""Forms for starting, joining and inviting, the safety check, and a therapist's scope."""
from __future__ import annotations

from django import forms

from goldseam.web.core.forms import GoldseamForm
from goldseam.web.core.wording import WORDS, say
from goldseam.web.couples import safety
from goldseam.web.couples.models import CODE_LENGTH


class StartForm(GoldseamForm):
    """Start a couple's space."""

    hurt = forms.BooleanField(label=say("couples.i_was_hurt"), required=False,
                              help_text=say("couples.i_was_hurt_hint"))


class CodeForm(GoldseamForm):
    """Type an invitation code (spaces and dashes are ignored)."""

    # Room for dashes and spaces people type while copying a code.
    code = forms.CharField(label=say("couples.code"), max_length=CODE_LENGTH * 2,
                           widget=forms.TextInput(attrs={"autocomplete": "off",
                                                         "autocapitalize": "characters"}))


class SafetyForm(GoldseamForm):
    """Answer each safety question with yes, no or not sure."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(safety.YES, say("safety.yes")), (safety.NO, say("safety.no")),
                   (safety.UNSURE, say("safety.unsure"))]
        for q in safety.QUESTIONS:
            self.fields[q.key] = forms.ChoiceField(label=q.text, choices=choices,
                                                   widget=forms.RadioSelect)
            self.fields[q.key].error_messages["required"] = say("forms.required")


class ScopeForm(GoldseamForm):
    """Choose which kinds of shared records a therapist may read."""

    scope = forms.MultipleChoiceField(label=say("therapist.scope"),
                                      widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = list(WORDS["record_kinds"].items())
        self.fields["scope"].error_messages["required"] = say("therapist.scope_nothing")
