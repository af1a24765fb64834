"""Forms of the journey; each keeps what was typed and names its problems next to the field."""
from __future__ import annotations

from django import forms

from goldseam.web.core.forms import GoldseamForm, GoldseamModelForm
from goldseam.web.core.wording import say
from goldseam.web.journey import models as m

#: Largest chat export read in the browser upload (a year of daily chat is a few MB).
IMPORT_MAX_MB = 10
#: The ledger's limit on a cadence phrase ("whenever she writes to me").
CADENCE_MAX = 200


def _area(rows: int = 6) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class InjuryForm(GoldseamForm):
    """Name a hurt and say who was hurt by it."""

    title = forms.CharField(max_length=m.TITLE_MAX)
    who = forms.ChoiceField(widget=forms.RadioSelect)

    def __init__(self, *args, partner_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].label = say("journey.injury_title")
        self.fields["title"].help_text = say("journey.injury_title_hint")
        self.fields["who"].label = say("journey.who_was_hurt")
        self.fields["who"].choices = [("me", say("journey.me")),
                                      ("partner", say("journey.my_partner", name=partner_name))]

    def clean_title(self) -> str:
        return self.cleaned_data["title"].strip()


class DraftForm(GoldseamModelForm):
    """Accept half-written drafts, yet show the fields as needed (no "optional" label).

    Every part is needed before sharing (the views check that), but a draft may be saved at any
    point, so a bound form takes empty parts. Browsers get no ``required`` attribute.
    """

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = not self.is_bound


class StatementForm(DraftForm):
    """Write the two parts of the statement; both may be empty while drafting."""

    class Meta:
        model = m.Statement
        fields = ["what_happened", "impact"]
        widgets = {"what_happened": _area(7), "impact": _area(7)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in (("what_happened", "what_happened"), ("impact", "impact")):
            self.fields[name].label = say(f"journey.{label}")
            self.fields[name].help_text = say(f"journey.{label}_hint")
            self.fields[name].widget.attrs["data-coach"] = "hurt"


class CycleAccountForm(DraftForm):
    """Write one's side of a painful exchange in four short answers."""

    class Meta:
        model = m.CycleAccount
        fields = ["did", "felt", "feared", "longed"]
        widgets = {name: _area(2) for name in ("did", "felt", "feared", "longed")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            self.fields[name].label = say(f"journey.account_{name}")
            self.fields[name].help_text = say(f"journey.account_{name}_hint")


class ResponseForm(DraftForm):
    """Write one round of the answer to the statement."""

    class Meta:
        model = m.Response
        fields = ["text"]
        widgets = {"text": _area(8)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = say("journey.response")
        self.fields["text"].help_text = say("journey.response_hint")
        self.fields["text"].widget.attrs["data-coach"] = "repairing"


class HeardForm(GoldseamForm):
    """Say whether this round made the hurt partner feel heard, with an optional question."""

    felt_heard = forms.ChoiceField(widget=forms.RadioSelect)
    question = forms.CharField(max_length=m.QUESTION_MAX, required=False, widget=_area(3))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["felt_heard"].label = say("journey.felt_heard_question")
        self.fields["felt_heard"].choices = [("yes", say("journey.felt_heard")),
                                             ("no", say("journey.not_yet"))]
        self.fields["felt_heard"].error_messages["required"] = say(
            "journey.answer_choice_required")
        self.fields["felt_heard"].error_messages["invalid_choice"] = say(
            "journey.answer_choice_required")
        self.fields["question"].label = say("journey.follow_up")


class NeedForm(GoldseamForm):
    """Name one need."""

    text = forms.CharField(max_length=m.NEED_MAX, widget=_area(3))

    def __init__(self, *args, partner_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = say("journey.need_text")
        self.fields["text"].help_text = say("journey.need_hint", name=partner_name)

    def clean_text(self) -> str:
        return self.cleaned_data["text"].strip()


class NeedResponseForm(GoldseamForm):
    """Answer one need."""

    text = forms.CharField(max_length=m.RESPONSE_MAX, widget=_area(4))

    def __init__(self, *args, partner_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = say("journey.need_response")
        self.fields["text"].help_text = say("journey.need_response_hint", name=partner_name)
        self.fields["text"].widget.attrs["data-coach"] = "repairing"

    def clean_text(self) -> str:
        return self.cleaned_data["text"].strip()


class CommitmentForm(GoldseamForm):
    """Turn one promise of a need response into a commitment of the ledger."""

    text = forms.CharField(max_length=m.NEED_MAX, widget=forms.HiddenInput)
    cadence = forms.CharField(max_length=CADENCE_MAX)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadence"].label = say("journey.cadence")


class ImportForm(GoldseamForm):
    """Upload a chat export."""

    chat = forms.FileField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chat"].label = say("journey.import_file")

    def clean_chat(self):
        chat = self.cleaned_data["chat"]
        if chat.size > IMPORT_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(say("journey.import_too_big", limit=IMPORT_MAX_MB))
        return chat
