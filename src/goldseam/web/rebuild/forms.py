"""Forms of the rebuild stage. Rules live in goldseam.trust; forms only carry input and errors."""
from __future__ import annotations

from zoneinfo import available_timezones

from django import forms

from goldseam.trust.cadence import MAX_CADENCE_CHARS
from goldseam.trust.catalogue import say as trust_say
from goldseam.trust.checkins import MAX_NEED_CHARS, instrument
from goldseam.trust.checkins import MAX_NOTE_CHARS as CHECKIN_NOTE_CHARS
from goldseam.trust.commitments import MAX_NOTE_CHARS, MAX_TEXT_CHARS
from goldseam.trust.rituals import ritual_kinds
from goldseam.trust.schedule import CADENCES
from goldseam.web.core.forms import GoldseamForm
from goldseam.web.core.wording import say


class CommitmentForm(GoldseamForm):
    """Make (or renegotiate) a commitment: what, how often, from when."""

    text = forms.CharField(max_length=MAX_TEXT_CHARS, widget=forms.Textarea(attrs={"rows": 3}))
    cadence = forms.CharField(max_length=MAX_CADENCE_CHARS)
    start = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(max_length=MAX_NOTE_CHARS, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, renegotiating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = say("rebuild.c_text")
        self.fields["text"].help_text = say("rebuild.c_text_hint")
        self.fields["cadence"].label = say("rebuild.c_cadence")
        self.fields["cadence"].help_text = say("rebuild.c_cadence_hint")
        self.fields["start"].label = say(
            "rebuild.c_effective" if renegotiating else "rebuild.c_start"
        )
        self.fields["note"].label = say("rebuild.c_note")
        if not renegotiating:
            del self.fields["note"]


class MarkForm(GoldseamForm):
    """Carry the owner's word on one day (or the partner's on one entry), with a note."""

    note = forms.CharField(max_length=MAX_NOTE_CHARS, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].label = say("rebuild.o_note")


class CheckInForm(GoldseamForm):
    """Ask the instrument's items (1-7, labelled), a need and an optional shared note.

    Ratings are rendered as radio buttons but read as plain text, so that a number outside the
    scale reaches goldseam.trust and gets its sentence instead of a generic "invalid choice".
    """

    couple = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tool = instrument()
        # Bare numbers keep all seven in one row on a phone; the anchors are said once above
        # the scales and tied to every question with aria-describedby.
        choices = [(str(v), str(v)) for v in range(tool.low, tool.high + 1)]
        for item in tool.items:
            self.fields[item.id] = forms.CharField(
                label=item.text, required=False, widget=forms.RadioSelect(choices=choices)
            )
        self.fields["need"] = forms.CharField(
            label=say("rebuild.k_need"), max_length=MAX_NEED_CHARS, required=False,
            widget=forms.Textarea(attrs={"rows": 2}), help_text=say("rebuild.k_need_hint"),
        )
        self.fields["note"] = forms.CharField(
            label=say("rebuild.k_note"), max_length=CHECKIN_NOTE_CHARS, required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        self.fields["note_shared"] = forms.BooleanField(
            label=say("rebuild.k_note_shared"), required=False
        )

    def clean(self):
        data = super().clean()
        tool = instrument()
        for item in tool.items:
            if not (self.data.get(item.id) or "").strip() and item.id not in self.errors:
                self.add_error(item.id, trust_say(
                    "errors.rating_missing", low=tool.low, high=tool.high, item=item.text
                ))
        return data

    def rating_fields(self):
        """Return the bound rating fields in the instrument's order."""
        return [self[item.id] for item in instrument().items]


class RitualForm(GoldseamForm):
    """Choose a ritual from the catalogue, with its usual rhythm or another."""

    kind = forms.ChoiceField()
    cadence = forms.CharField(max_length=MAX_CADENCE_CHARS, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (k.id, f"{k.name} ({k.cadence})") for k in ritual_kinds().values()
        ]
        self.fields["kind"].label = say("rebuild.r_kind")
        self.fields["cadence"].label = say("rebuild.r_cadence")
        self.fields["cadence"].help_text = say("rebuild.r_cadence_hint")


class SettingsForm(GoldseamForm):
    """Set one's own time zone and the couple's check-in rhythm."""

    zone = forms.ChoiceField()
    every = forms.ChoiceField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].choices = [(z, z) for z in sorted(available_timezones())]
        self.fields["zone"].label = say("rebuild.s_zone")
        self.fields["zone"].help_text = say("rebuild.s_zone_hint")
        self.fields["every"].choices = [(c, say(f"rebuild.every_{c}")) for c in CADENCES]
        self.fields["every"].label = say("rebuild.s_every")
