"""Compute what is due at an instant, as reminders with stable idempotency keys.

This is a pure function of the records and the instant: it sends nothing and stores nothing.
``goldseam remind`` (the web layer) stores the keys it has sent and skips any it has seen, so
running it every few minutes from cron or Celery beat never sends the same reminder twice.
Keys name the thing and its due date, not the instant of the run, which is what makes them
stable across runs.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from goldseam.trust.catalogue import say
from goldseam.trust.checkins import CheckIn
from goldseam.trust.commitments import Commitment
from goldseam.trust.people import Couple
from goldseam.trust.rituals import PromptUse, Ritual, choose_prompt
from goldseam.trust.schedule import CheckInSchedule

#: No reminder goes out before this local hour: a 3 a.m. nudge helps nobody.
QUIET_UNTIL_HOUR = 8


@dataclass(frozen=True)
class Reminder:
    """One thing to remind one person of, with the key that makes sending it idempotent."""

    key: str
    person_id: str
    kind: str  # "checkin", "occurrence", "confirm" or "ritual"
    subject_id: str
    due: str
    text: str
    prompt_id: str = ""


def due_reminders(
    now: datetime,
    couple: Couple,
    schedule: CheckInSchedule | None = None,
    checkins: Iterable[CheckIn] = (),
    commitments: Iterable[Commitment] = (),
    rituals: Iterable[Ritual] = (),
    prompt_history: Sequence[PromptUse] = (),
    paused: bool = False,
) -> list[Reminder]:
    """Return every reminder due at ``now`` for ``couple``, sorted by key.

    ``paused`` (joint work paused for safety) leaves only each person's own check-in, which
    is private; nothing that invites joint work is sent.
    """
    awake = {
        p.id: now.astimezone(p.zone_at(now)).hour >= QUIET_UNTIL_HOUR for p in couple.partners
    }
    found: list[Reminder] = []
    if schedule is not None:
        last: dict[str, datetime] = {}
        for checkin in checkins:
            checkin.belongs_to(couple)
            if checkin.person_id not in last or checkin.at > last[checkin.person_id]:
                last[checkin.person_id] = checkin.at
        for person in couple.partners:
            due = schedule.due(person, last.get(person.id), now)
            if due is not None:
                found.append(Reminder(
                    f"checkin:{couple.id}:{person.id}:{due.isoformat()}", person.id, "checkin",
                    couple.id, due.isoformat(), say("reminders.checkin_due"),
                ))
    if not paused:
        for commitment in commitments:
            found.extend(_commitment_reminders(commitment, now))
        for ritual in rituals:
            found.extend(_ritual_reminders(ritual, couple, now, prompt_history))
    return sorted((r for r in found if awake[r.person_id]), key=lambda r: r.key)


def _commitment_reminders(commitment: Commitment, now: datetime) -> list[Reminder]:
    found = []
    today = commitment.today(now)
    for occurrence in commitment.due(today, today):
        if occurrence.owner_kept is None and occurrence.partner_kept is None:
            text = commitment.version_on(occurrence.due).text
            found.append(Reminder(
                f"occurrence:{occurrence.key}", commitment.owner.id, "occurrence",
                commitment.id, occurrence.due.isoformat(),
                say("reminders.occurrence_due", text=text),
            ))
    for occurrence in commitment.awaiting_partner():
        found.append(Reminder(
            f"confirm:{occurrence.key}", commitment.partner.id, "confirm", commitment.id,
            occurrence.due.isoformat(), say(
                "reminders.confirm_due", owner=commitment.owner.name,
                text=commitment.version_on(occurrence.due).text, date=occurrence.due.isoformat(),
            ),
        ))
    return found


def _ritual_reminders(
    ritual: Ritual, couple: Couple, now: datetime, history: Sequence[PromptUse]
) -> list[Reminder]:
    found = []
    for person in couple.partners:
        today = person.local_date(now)
        if not any(True for _ in ritual.cadence.due(ritual.start, today, today)):
            continue
        if today in ritual.done:
            continue
        prompt = choose_prompt(couple.id, ritual.kind, today, history)
        found.append(Reminder(
            f"ritual:{ritual.id}:{today.isoformat()}:{person.id}", person.id, "ritual", ritual.id,
            today.isoformat(), say("reminders.ritual_due", ritual=ritual.name, prompt=prompt.text),
            prompt.id,
        ))
    return found
