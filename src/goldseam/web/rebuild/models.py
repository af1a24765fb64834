"""Store the rebuild stage: commitments and their versions, occurrences, check-ins, rituals.

What partners write (commitment text, cadence phrases, notes, needs) is encrypted. Ratings,
dates and kept/missed marks stay plain so the database can filter them and the dashboard can
load a year of them quickly; they say nothing without the encrypted text beside them.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from goldseam.trust.checkins import MAX_NEED_CHARS
from goldseam.trust.checkins import MAX_NOTE_CHARS as CHECKIN_NOTE_CHARS
from goldseam.trust.commitments import MAX_NOTE_CHARS, MAX_TEXT_CHARS
from goldseam.trust.reliability import DEFAULT_HALF_LIFE_DAYS
from goldseam.trust.schedule import CADENCES, WEEKLY
from goldseam.web.core.fields import EncryptedTextField
from goldseam.web.core.models import PartnerRecord

#: Longest IANA zone name stored ("America/Argentina/ComodRivadavia" is 32).
ZONE_CHARS = 64
#: Version of this app's stored layout, written into exports.
SCHEMA_VERSION = 1


class ZoneChange(models.Model):
    """Say that ``user`` lives in IANA ``zone`` from ``since`` on; the latest row is current.

    Rows are kept, not overwritten, so past days stay counted in the zone they were lived in
    (a partner who travels does not get a day counted twice or skipped).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="zone_changes"
    )
    zone = models.CharField(max_length=ZONE_CHARS)
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["since", "pk"]


class CheckInCadence(models.Model):
    """Hold a couple's check-in rhythm and how fast old ledger entries fade."""

    couple = models.OneToOneField(
        "couples.Couple", on_delete=models.CASCADE, related_name="checkin_cadence"
    )
    every = models.CharField(max_length=12, choices=[(c, c) for c in CADENCES], default=WEEKLY)
    start = models.DateField()
    half_life_days = models.FloatField(default=DEFAULT_HALF_LIFE_DAYS)


class Commitment(PartnerRecord):
    """Hold one partner's commitment to the couple; its words live in its versions.

    A commitment is made to the partner, so it is shared with the couple when made (the form
    says so); ``retired_on`` stops new entries and keeps the history.
    """

    RECORD_KINDS = ("commitment",)

    retired_on = models.DateField(null=True, blank=True)
    # Set when the commitment came from a proposal in stage 4 (journey), so it is taken once.
    source = models.CharField(max_length=80, blank=True)

    class Meta(PartnerRecord.Meta):
        pass

    def save(self, *args, **kwargs):
        self.kind = self.kind or "commitment"
        super().save(*args, **kwargs)

    def export_dict(self) -> dict:
        """Return the commitment with every version and entry, for its owner's export.

        The words live in the versions, so an export without them would hold no promise.
        """
        data = super().export_dict()
        data["schema"] = SCHEMA_VERSION
        data["versions"] = [
            {"number": v.number, "text": v.text, "cadence": v.cadence,
             "effective": v.effective.isoformat(), "note": v.note}
            for v in self.versions.order_by("number")
        ]
        data["occurrences"] = [
            {"due": o.due.isoformat(), "slot": o.slot, "version": o.version,
             "event_at": o.event_at.isoformat() if o.event_at else None,
             "owner_kept": o.owner_kept, "partner_kept": o.partner_kept, "note": o.note}
            for o in self.occurrences.order_by("due", "slot", "pk")
        ]
        return data


class CommitmentVersion(models.Model):
    """Hold one negotiated form of a commitment, in force from ``effective``."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = EncryptedTextField(max_length=MAX_TEXT_CHARS)
    cadence = EncryptedTextField(max_length=200)
    effective = models.DateField()
    note = EncryptedTextField(max_length=MAX_NOTE_CHARS, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["commitment", "number"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "number"], name="one_version_number")
        ]


def blank_note(collector, field, sub_objs, using) -> None:
    """Empty the notes a deleted person wrote on entries, and forget that they wrote them.

    Used as ``on_delete`` of ``Occurrence.note_by``: the entry belongs to its commitment's
    owner and stays, but the words on it were the deleted person's and go with their account.
    """
    collector.add_field_update(field, None, sub_objs)
    collector.add_field_update(sub_objs.model._meta.get_field("note"), "", sub_objs)


class Occurrence(models.Model):
    """Hold both partners' words on one due (or logged) instance of a commitment.

    ``key`` is the library's stable occurrence key, unique, so the same day cannot be stored
    twice; the partner's word (``partner_kept``) is written only where it is still empty, so a
    second confirmation changes nothing. ``note_by`` says whose words ``note`` holds, so a
    partner's note on the other's entry is in the partner's export and leaves with their
    account (empty on entries saved before it was recorded).
    """

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="occurrences"
    )
    key = models.CharField(max_length=120, unique=True)
    version = models.PositiveIntegerField()
    due = models.DateField()
    slot = models.PositiveSmallIntegerField(default=0)
    event_at = models.DateTimeField(null=True, blank=True)
    owner_kept = models.BooleanField(null=True)
    owner_at = models.DateTimeField(null=True, blank=True)
    partner_kept = models.BooleanField(null=True)
    partner_at = models.DateTimeField(null=True, blank=True)
    note = EncryptedTextField(max_length=MAX_NOTE_CHARS, blank=True)
    note_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=blank_note, related_name="+"
    )

    class Meta:
        ordering = ["due", "slot"]
        indexes = [models.Index(fields=["commitment", "due"])]


class CheckIn(PartnerRecord):
    """Hold one partner's check-in: ratings by item id, a need, an optional note.

    The scores and the need go to the couple's dashboard (shared when saved); the note stays
    private unless ``note_shared``.
    """

    RECORD_KINDS = ("checkin",)

    at = models.DateTimeField(default=timezone.now)
    ratings = models.JSONField()
    instrument_version = models.PositiveSmallIntegerField(default=1)
    need = EncryptedTextField(max_length=MAX_NEED_CHARS)
    note = EncryptedTextField(max_length=CHECKIN_NOTE_CHARS, blank=True)
    note_shared = models.BooleanField(default=False)

    class Meta(PartnerRecord.Meta):
        indexes = [models.Index(fields=["couple", "at"])]

    def save(self, *args, **kwargs):
        self.kind = self.kind or "checkin"
        super().save(*args, **kwargs)


class Ritual(models.Model):
    """Hold a ritual of connection the couple chose (shared by both, so no single owner)."""

    couple = models.ForeignKey("couples.Couple", on_delete=models.CASCADE, related_name="rituals")
    kind = models.CharField(max_length=40)
    # Free text like a commitment's ("whenever Jules messages me"), so encrypted the same way.
    cadence = EncryptedTextField(max_length=200)
    start = models.DateField()
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    retired_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]


class RitualDone(models.Model):
    """Record that a ritual happened on a local day (once per day, whoever tapped first)."""

    ritual = models.ForeignKey(Ritual, on_delete=models.CASCADE, related_name="done_days")
    day = models.DateField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ritual", "day"], name="ritual_once_a_day")]


class RitualPrompt(models.Model):
    """Log the prompt offered for a ritual on a day, so no prompt returns within a month."""

    couple = models.ForeignKey("couples.Couple", on_delete=models.CASCADE, related_name="+")
    ritual = models.ForeignKey(Ritual, on_delete=models.CASCADE, related_name="prompts")
    day = models.DateField()
    prompt_id = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ritual", "day"], name="one_prompt_per_ritual_day")
        ]


class ReminderSent(models.Model):
    """Remember a reminder key once sent, so ``goldseam remind`` never sends it twice."""

    key = models.CharField(max_length=200, unique=True)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    kind = models.CharField(max_length=20)
    emailed = models.BooleanField(default=False)
    sent_at = models.DateTimeField(default=timezone.now)
