"""Say what is due today for one person, and which prompt each ritual offers today.

Shared by the dashboard (in the app) and ``goldseam remind`` (by e-mail), so both always
agree on what is due.
"""
from __future__ import annotations

from datetime import datetime, time

from django.db import IntegrityError, transaction

from goldseam import trust
from goldseam.trust.reminders import QUIET_UNTIL_HOUR
from goldseam.trust.rituals import Prompt, choose_prompt, prompts
from goldseam.web.rebuild import bridge
from goldseam.web.rebuild import models as m
from goldseam.web.rebuild.state import CoupleState


def due_for(state: CoupleState, person_id: str, now: datetime, paused: bool) -> list:
    """Return the reminders due for ``person_id`` today, whatever the hour.

    The library holds e-mails back before 08:00 local time; a person who opens the app at
    06:30 should still see what today asks of them, so the app asks as of 08:00 that day.
    """
    person = state.couple.person(person_id)
    local = now.astimezone(person.zone_at(now))
    if local.hour < QUIET_UNTIL_HOUR:
        local = datetime.combine(local.date(), time(QUIET_UNTIL_HOUR), tzinfo=local.tzinfo)
    return [
        r for r in reminders(state, local, paused) if r.person_id == person_id
    ]


def reminders(state: CoupleState, now: datetime, paused: bool) -> list:
    """Return every reminder the library finds due for the couple at ``now``."""
    return trust.due_reminders(
        now, state.couple, state.schedule, state.checkins, state.commitments, state.rituals,
        bridge.prompt_history(state.row), paused=paused,
    )


def offer_prompt(state: CoupleState, ritual_row: m.Ritual, day) -> Prompt:
    """Return the ritual's prompt for ``day`` and log it, so it is not offered again soon."""
    stored = m.RitualPrompt.objects.filter(ritual=ritual_row, day=day).first()
    by_id = {p.id: p for p in prompts()}
    if stored is not None and stored.prompt_id in by_id:
        return by_id[stored.prompt_id]
    prompt = choose_prompt(state.couple.id, ritual_row.kind, day, bridge.prompt_history(state.row))
    try:
        with transaction.atomic():
            m.RitualPrompt.objects.create(
                couple=state.row, ritual=ritual_row, day=day, prompt_id=prompt.id
            )
    except IntegrityError:
        # The other partner's page (or the reminder run) offered one a moment ago: use it.
        return by_id[m.RitualPrompt.objects.get(ritual=ritual_row, day=day).prompt_id]
    return prompt
