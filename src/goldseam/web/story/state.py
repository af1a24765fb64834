"""Read and change a couple's story: its versions, saves that never overwrite, and "ours".

Views call these helpers after their access decorator; every read of versions goes through
``readable_records``. The rule for saving on top of a partner's concurrent edit is the
library's (``goldseam.story.merge``); this module stores its outcome.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from goldseam.story.llm import LLMConfig, config_from_env
from goldseam.story.merge import MergeResult, merge
from goldseam.story.text import check_length
from goldseam.web.core.access import readable_records
from goldseam.web.story.models import OursMark, StoryDraft, StoryState, StoryVersion
from goldseam.web.story.records import withdrawn


def partner_name(user, couple) -> str:
    """Return the display name of ``user``'s partner ("" while they are alone)."""
    partner = couple.other_partner(user)
    return str(partner) if partner else ""


def model_config() -> LLMConfig | None:
    """Return the operator's language-model endpoint, or ``None`` when unset or misconfigured."""
    try:
        return config_from_env()
    except ValueError:
        return None  # a misconfigured endpoint counts as none: nothing is ever sent


def versions(user, couple) -> list[StoryVersion]:
    """Return the story's versions ``user`` may read, oldest first."""
    qs = readable_records(user, StoryVersion.objects.select_related("owner"), audit=False)
    return list(qs.filter(couple=couple).order_by("number"))


def latest(user, couple) -> StoryVersion | None:
    """Return the newest version, or ``None`` before the first save."""
    qs = readable_records(user, StoryVersion.objects.select_related("owner"), audit=False)
    return qs.filter(couple=couple).order_by("-number").first()


def version(user, couple, number: int) -> StoryVersion:
    """Return version ``number`` of the couple's story, or raise 404."""
    qs = readable_records(user, StoryVersion.objects.select_related("owner"), audit=False)
    found = qs.filter(couple=couple, number=number).first()
    if found is None:
        raise Http404
    return found


def story_state(couple) -> StoryState:
    """Return the couple's story state, created on first use."""
    state, _ = StoryState.objects.get_or_create(couple=couple)
    return state


@transaction.atomic
def append(user, couple, text: str, note: str, restored_from: int | None = None,
           sources: list[str] | None = None) -> StoryVersion:
    """Save ``text`` by ``user`` as the next version; raise ``StoryError`` if empty or huge."""
    check_length(text)
    # Lock the couple's state row so two saves cannot take the same number.
    StoryState.objects.select_for_update().get_or_create(couple=couple)
    last = StoryVersion.objects.filter(couple=couple).order_by("-number").first()
    number = (last.number if last else 0) + 1
    return StoryVersion.objects.create(owner=user, couple=couple, number=number, text=text,
                                       note=note, restored_from=restored_from,
                                       sources=sources or [])


def withdrawn_since_draft(user, couple) -> int:
    """Return how many records the latest draft drew on have since been withdrawn or deleted.

    Their words may still be in the story; the page says so without saying whose they were.
    """
    qs = readable_records(user, StoryVersion.objects.all(), audit=False)
    drafted = qs.filter(couple=couple, note="drafted").order_by("-number").first()
    return withdrawn(drafted.sources) if drafted is not None else 0


@dataclass
class SaveOutcome:
    """What a save did: the new version (maybe merged), or a merge waiting for choices."""

    version: StoryVersion | None
    merged: bool = False
    unchanged: bool = False
    conflicts: MergeResult | None = None
    theirs: StoryVersion | None = None


def save(user, couple, text: str, base: int, note: str = "edited") -> SaveOutcome:
    """Save ``text`` edited from version ``base`` (0: from nothing), merging a partner's save.

    Raises ``StoryError`` for an empty or over-long text and ``Http404`` for an unknown base.
    """
    check_length(text)
    newest = latest(user, couple)
    if newest is None or base == newest.number:
        if newest is not None and newest.text.strip() == text.strip():
            return SaveOutcome(newest, unchanged=True)
        return SaveOutcome(append(user, couple, text, note))
    base_text = version(user, couple, base).text if base else ""
    result = merge(base_text, text, newest.text)
    if not result.clean:
        return SaveOutcome(None, conflicts=result, theirs=newest)
    return SaveOutcome(append(user, couple, result.text, "merged"), merged=True)


@dataclass
class Ours:
    """Who marked which version "ours", seen from one partner."""

    mine: int | None
    partner: int | None
    newest: int | None

    @property
    def both(self) -> bool:
        """Say whether both partners marked the newest version."""
        return self.newest is not None and self.mine == self.partner == self.newest

    @property
    def stale(self) -> bool:
        """Say whether someone marked an older version than the newest."""
        marks = [m for m in (self.mine, self.partner) if m is not None]
        return bool(marks) and self.newest not in marks


def ours(user, couple, newest: StoryVersion | None) -> Ours:
    """Return the "ours" marks of ``user`` and their partner."""
    marks = dict(OursMark.objects.filter(couple=couple).values_list("user_id", "number"))
    partner = couple.other_partner(user)
    return Ours(marks.get(user.pk), marks.get(partner.pk) if partner else None,
                newest.number if newest else None)


@transaction.atomic
def mark_ours(user, couple, number: int) -> Ours:
    """Mark version ``number`` ours for ``user``; when both agree, start monthly boosters."""
    OursMark.objects.update_or_create(couple=couple, user=user,
                                      defaults={"number": number, "at": timezone.now()})
    result = ours(user, couple, latest(user, couple))
    if result.both:
        state = story_state(couple)
        if state.ours_at is None:
            state.ours_at = timezone.now()
        state.booster_monthly = True
        state.save(update_fields=["ours_at", "booster_monthly"])
        start_boosters(couple)
    return result


def start_boosters(couple) -> bool:
    """Set the couple's check-ins to monthly in the rebuild app; return whether it exists.

    Gains fade after a programme ends; monthly booster check-ins keep them. Without the
    rebuild app, ``StoryState.booster_monthly`` alone records the change.
    """
    if not apps.is_installed("goldseam.web.rebuild"):
        return False
    from goldseam.trust.schedule import MONTHLY
    from goldseam.web.rebuild.models import CheckInCadence

    updated = CheckInCadence.objects.filter(couple=couple).update(every=MONTHLY)
    if not updated:
        CheckInCadence.objects.create(couple=couple, every=MONTHLY, start=timezone.localdate())
    return True


def own_draft(user, couple) -> StoryDraft | None:
    """Return ``user``'s own unsaved edit of the story, or ``None``."""
    # A draft is never shared, so what the person may read of drafts is only their own.
    qs = readable_records(user, StoryDraft.objects.all(), audit=False)
    return qs.filter(couple=couple, owner=user).first()


def keep_draft(user, couple, text: str, base: int) -> StoryDraft:
    """Store ``user``'s unsaved edit (one per partner), private."""
    draft = own_draft(user, couple) or StoryDraft(owner=user, couple=couple)
    draft.text, draft.base = text, base
    draft.save()
    return draft


def drop_draft(user, couple) -> None:
    """Remove ``user``'s unsaved edit once it is saved as a version."""
    StoryDraft.objects.filter(owner=user, couple=couple).delete()
