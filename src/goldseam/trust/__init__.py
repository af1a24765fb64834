"""goldseam.trust: commitments, check-ins, reliability estimates and rituals, without Django.

The web layer loads records into these plain objects, calls one function and renders:
``build_dashboard`` for the couple's page, ``due_reminders`` for ``goldseam remind``, and the
``Commitment`` / ``CheckIn`` / ``Ritual`` methods for each form, which raise a ``TrustError``
(with ``field`` and a sentence from ``data/wording.json``) instead of saving bad input.

Modules: ``cadence`` (how often), ``people`` (partners and time zones), ``commitments`` (the
ledger), ``reliability`` and ``betamath`` (the Beta-Bernoulli estimate), ``checkins``,
``change`` and ``trends`` (scores, reliable change, notices), ``schedule`` (when check-ins are
due), ``rituals`` (moments of connection and prompts), ``reminders``, ``charts`` (SVG) and
``dashboard``.
"""
from __future__ import annotations

from goldseam.trust.cadence import Cadence, parse_cadence
from goldseam.trust.checkins import CheckIn, instrument
from goldseam.trust.commitments import Commitment, Occurrence
from goldseam.trust.dashboard import Dashboard, build_dashboard
from goldseam.trust.errors import TrustError
from goldseam.trust.people import Couple, Person
from goldseam.trust.reliability import Estimate, Outcome, estimate
from goldseam.trust.reminders import Reminder, due_reminders
from goldseam.trust.rituals import PromptUse, Ritual, choose_prompt
from goldseam.trust.schedule import CheckInSchedule

__all__ = [
    "Cadence",
    "CheckIn",
    "CheckInSchedule",
    "Commitment",
    "Couple",
    "Dashboard",
    "Estimate",
    "Occurrence",
    "Outcome",
    "Person",
    "PromptUse",
    "Reminder",
    "Ritual",
    "TrustError",
    "build_dashboard",
    "choose_prompt",
    "due_reminders",
    "estimate",
    "instrument",
    "parse_cadence",
]
