"""The form for writing a note."""
from __future__ import annotations

from django import forms

from goldseam.web.core.forms import GoldseamModelForm
from goldseam.web.core.wording import say
from goldseam.web.notes.models import Note


class NoteForm(GoldseamModelForm):
    """Write or edit a note's title and body."""

    class Meta:
        model = Note
        fields = ["title", "body"]
        widgets = {"title": forms.TextInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].label = say("notes.note_title")
        self.fields["body"].label = say("notes.body")
