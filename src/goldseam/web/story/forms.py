"""Forms of the story pages: the story text with the version it was edited from."""
from __future__ import annotations

from django import forms

from goldseam.story.text import MAX_STORY_CHARS
from goldseam.web.core.forms import GoldseamForm
from goldseam.web.core.wording import say


class StoryForm(GoldseamForm):
    """Take the edited story and ``base``, the version number the partner started from."""

    text = forms.CharField(label=say("story.text_label"), max_length=MAX_STORY_CHARS,
                           strip=False, widget=forms.Textarea(attrs={"rows": 28}))
    base = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    note = forms.ChoiceField(choices=[("edited", "edited"), ("polished", "polished")],
                             initial="edited", required=False, widget=forms.HiddenInput)
