"""The therapist's session-note form."""
from __future__ import annotations

from django import forms

from goldseam.web.core.forms import GoldseamForm
from goldseam.web.core.wording import say
from goldseam.web.therapist.models import NOTE_MAX


class SessionNoteForm(GoldseamForm):
    """Write a private session note."""

    text = forms.CharField(max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = say("therapist_view.note")
        self.fields["text"].help_text = say("therapist_view.note_hint")
