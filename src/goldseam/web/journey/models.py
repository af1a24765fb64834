"""Define an injury's path: the statement, cycle accounts, acknowledgment rounds, needs and markers.

Everything a partner writes is a ``PartnerRecord`` (encrypted, private until shared); who may
read it is decided by ``goldseam.web.core.access``. ``Injury`` and ``JourneyEvent``
belong to the couple: the injury's name is joint by nature, and events carry no free text.
Promises made in the needs step go to the rebuild app's commitment ledger (commitments.py).
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from goldseam.web.core.fields import EncryptedTextField
from goldseam.web.core.models import PartnerRecord

TITLE_MAX = 200
PART_MAX = 8_000  # each half of the statement: a few pages, well within the engine's 20,000
ACCOUNT_PART_MAX = 600  # the cycle account's answers are phrases that go into one sentence
RESPONSE_MAX = 8_000
QUESTION_MAX = 2_000
NEED_MAX = 1_000

#: Stored format of the journey's records; bump with a migration when a field changes meaning.
FORMAT_VERSION = 1


class Injury(models.Model):
    """Name one hurt a couple works on; each injury has its own path through the stages."""

    couple = models.ForeignKey("couples.Couple", on_delete=models.CASCADE, related_name="+")
    # Kept (empty) when the hurt partner deletes their account, so that what the other
    # partner wrote for this injury stays theirs (accounts: "records your partner wrote stay").
    hurt_partner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    title = EncryptedTextField(max_length=TITLE_MAX)
    # Set once a saved text of the hurt partner carried only secondary (hard) emotions, so a
    # later primary one marks the first softening. A flag, not the text.
    secondary_seen = models.BooleanField(default=False)
    format_version = models.PositiveSmallIntegerField(default=FORMAT_VERSION)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.title

    def other_partner(self):
        """Return the partner who is not the hurt one in this injury, or None."""
        return self.couple.other_partner(self.hurt_partner)

    def is_hurt(self, user) -> bool:
        return user.pk == self.hurt_partner_id


class InjuryRecord(PartnerRecord):
    """Tie a partner record to one injury."""

    # A record outlives its injury (if the couple is dissolved) in its owner's private space.
    injury = models.ForeignKey(Injury, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta(PartnerRecord.Meta):
        abstract = True

    def save(self, *args, **kwargs):
        self.kind = self.kind or self.RECORD_KINDS[0]
        super().save(*args, **kwargs)


class Statement(InjuryRecord):
    """Hold the hurt partner's two-part statement: what happened, and what it did to them."""

    RECORD_KINDS = ("injury_statement",)

    what_happened = EncryptedTextField(max_length=PART_MAX, blank=True)
    impact = EncryptedTextField(max_length=PART_MAX, blank=True)

    class Meta(InjuryRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["injury", "owner"],
                                               name="one_statement_per_injury")]

    @property
    def text(self) -> str:
        return "\n\n".join(p for p in (self.what_happened, self.impact) if p)

    def share(self) -> None:
        """Share the statement, then read its words for the first softening.

        Sharing is the first moment the softening marker may come from these words; doing it
        here covers every path that shares (page and API alike).
        """
        super().share()
        if self.injury_id is not None:
            from goldseam.web.journey import softening  # softening imports this module

            softening.note(self.injury, self.owner, self.text)


class CycleAccount(InjuryRecord):
    """Hold one partner's side of a recent painful exchange, in four short answers."""

    RECORD_KINDS = ("cycle_account",)

    did = EncryptedTextField(max_length=ACCOUNT_PART_MAX, blank=True)
    felt = EncryptedTextField(max_length=ACCOUNT_PART_MAX, blank=True)
    feared = EncryptedTextField(max_length=ACCOUNT_PART_MAX, blank=True)
    longed = EncryptedTextField(max_length=ACCOUNT_PART_MAX, blank=True)

    class Meta(InjuryRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["injury", "owner"],
                                               name="one_account_per_partner")]

    @property
    def complete(self) -> bool:
        return all((self.did.strip(), self.felt.strip(), self.feared.strip(),
                    self.longed.strip()))


class ChatTimeline(InjuryRecord):
    """Hold what the cycle finder read in an imported chat (never the chat itself)."""

    RECORD_KINDS = ("chat_timeline",)

    # JSON of the conversation analysis: pattern, roles, per-turn codes, softening turns.
    result = EncryptedTextField(max_length=2_000_000)
    # The timeline chart as SVG text (speaker names in it, hence encrypted); may be empty.
    chart_svg = EncryptedTextField(max_length=5_000_000, blank=True)


class Response(InjuryRecord):
    """Hold one round of the repairing partner's answer to the statement."""

    RECORD_KINDS = ("acknowledgment",)

    number = models.PositiveSmallIntegerField(default=1)
    text = EncryptedTextField(max_length=RESPONSE_MAX, blank=True)

    class Meta(InjuryRecord.Meta):
        ordering = ["number"]


class HeardAnswer(InjuryRecord):
    """Hold the hurt partner's answer to one round: felt heard or not yet, and a question."""

    RECORD_KINDS = ("heard_answer",)

    # Each partner's words are their own: deleting one side's record keeps the other's.
    response = models.OneToOneField(Response, null=True, on_delete=models.SET_NULL,
                                    related_name="answer")
    felt_heard = models.BooleanField()
    question = EncryptedTextField(max_length=QUESTION_MAX, blank=True)


class Need(InjuryRecord):
    """Hold one need the hurt partner names."""

    RECORD_KINDS = ("need",)

    text = EncryptedTextField(max_length=NEED_MAX)

    class Meta(InjuryRecord.Meta):
        ordering = ["created_at"]


class NeedResponse(InjuryRecord):
    """Hold the other partner's answer to one need."""

    RECORD_KINDS = ("need_response",)

    need = models.ForeignKey(Need, null=True, on_delete=models.SET_NULL, related_name="responses")
    text = EncryptedTextField(max_length=RESPONSE_MAX)

    class Meta(InjuryRecord.Meta):
        ordering = ["created_at"]


class JourneyEvent(models.Model):
    """Mark one milestone of an injury's path, once, for the therapist view and the story."""

    KINDS = ("statement_shared", "first_acknowledgment", "felt_heard", "first_softening")

    couple = models.ForeignKey("couples.Couple", on_delete=models.CASCADE, related_name="+")
    injury = models.ForeignKey(Injury, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40, choices=[(k, k) for k in KINDS])
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["injury", "kind"],
                                               name="one_marker_per_kind")]

    @classmethod
    def mark(cls, injury: Injury, kind: str, actor) -> JourneyEvent:
        """Record milestone ``kind`` of ``injury`` unless it was already reached."""
        event, _ = cls.objects.get_or_create(
            injury=injury, kind=kind, defaults={"couple_id": injury.couple_id, "actor": actor}
        )
        return event
