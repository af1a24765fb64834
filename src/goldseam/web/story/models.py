"""Store the couple's story: every saved version with its author, and the couple's choices.

A ``StoryVersion`` is a ``PartnerRecord`` owned by the partner who saved it and shared with the
couple from the start (the story is written together), so export, deletion and the therapist's
scope work as for any record. ``StoryState`` holds what belongs to the couple: who marked which
version "ours", who agreed to the optional language model, and when booster check-ins began.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from goldseam.story.text import MAX_STORY_CHARS
from goldseam.web.core.fields import EncryptedTextField
from goldseam.web.core.models import PartnerRecord

#: Stored format of the story's records; bump with a migration when a field changes meaning.
FORMAT_VERSION = 1
#: Notes a version may carry: how it came to be (never free text, so it is not encrypted).
NOTES = ("drafted", "edited", "merged", "restored", "polished")


class StoryVersion(PartnerRecord):
    """Hold one saved text of the couple's story; ``number`` counts from 1 per couple."""

    RECORD_KINDS = ("story_version",)

    number = models.PositiveIntegerField()
    text = EncryptedTextField(max_length=MAX_STORY_CHARS)
    note = models.CharField(max_length=20, choices=[(n, n) for n in NOTES], default="edited")
    # For a restore, the version whose text came back.
    restored_from = models.PositiveIntegerField(null=True, blank=True)
    # For a draft, the shared records it drew on, as ["app_label.model:pk", ...]: if one is
    # later withdrawn, the story page says so (its words may still be in the text).
    sources = models.JSONField(default=list, blank=True)
    format_version = models.PositiveSmallIntegerField(default=FORMAT_VERSION)

    class Meta(PartnerRecord.Meta):
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["couple", "number"], name="one_story_version_number"),
        ]

    def save(self, *args, **kwargs):
        self.kind = self.kind or "story_version"
        # Written together: a version is in the couple's common space from the moment it exists.
        self.shared_at = self.shared_at or timezone.now()
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"story version {self.number}"


class StoryState(models.Model):
    """Hold the couple's story settings and agreements (no free text)."""

    couple = models.OneToOneField("couples.Couple", on_delete=models.CASCADE,
                                  related_name="story_state")
    # Each partner's own yes to the optional language model; it runs only with both.
    model_consent = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    ours_at = models.DateTimeField(null=True, blank=True)
    # Monthly booster check-ins from the day the story became ours; recorded here, and in the
    # rebuild app's cadence where that app is installed.
    booster_monthly = models.BooleanField(default=False)
    format_version = models.PositiveSmallIntegerField(default=FORMAT_VERSION)

    def model_enabled(self) -> bool:
        """Say whether the couple's two current partners both agreed to the language model.

        Counting consents would let a partner who left still count for the one who joined.
        """
        partners = set(self.couple.memberships.values_list("user_id", flat=True))
        agreed = set(self.model_consent.values_list("pk", flat=True))
        return len(partners) == 2 and partners <= agreed


class OursMark(models.Model):
    """Record that a partner said "this is ours" of one version of the story."""

    couple = models.ForeignKey("couples.Couple", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["couple", "user"], name="one_mark_each")]


class StoryDraft(PartnerRecord):
    """Hold one partner's unsaved edit of the story, autosaved while they write; never shared.

    ``base`` is the version the edit started from, so a draft restored after the partner saved
    in between is merged like any other edit. Saving a version removes the writer's draft.
    """

    RECORD_KINDS = ("story_draft",)

    text = EncryptedTextField(max_length=MAX_STORY_CHARS)
    base = models.PositiveIntegerField(default=0)

    def save(self, *args, **kwargs):
        self.kind = self.kind or "story_draft"
        super().save(*args, **kwargs)
