"""Load one couple's rebuild records as library objects, in as few queries as possible.

Views and ``goldseam remind`` both start here: ``load`` reads what a person may read (through
the access helpers) and returns the library's Couple, commitments, check-ins and rituals with
the rows they came from, so an action can write its result back to the right row.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from goldseam import trust
from goldseam.trust.schedule import CheckInSchedule
from goldseam.web.core.access import readable_records
from goldseam.web.rebuild import bridge
from goldseam.web.rebuild import models as m


@dataclass
class CoupleState:
    """A couple's rebuild records as the trust library sees them, beside their rows."""

    row: object
    couple: trust.Couple
    schedule: CheckInSchedule
    half_life_days: float
    commitment_rows: dict[str, m.Commitment] = field(default_factory=dict)
    commitments: list[trust.Commitment] = field(default_factory=list)
    checkins: list[trust.CheckIn] = field(default_factory=list)
    ritual_rows: dict[str, m.Ritual] = field(default_factory=dict)
    rituals: list[trust.Ritual] = field(default_factory=list)

    def commitment(self, pk) -> trust.Commitment:
        """Return the loaded library commitment with row id ``pk``."""
        return next(c for c in self.commitments if c.id == str(pk))

    def dashboard(self, now: datetime, charts: bool = True) -> trust.Dashboard:
        """Return the library's dashboard of this couple at ``now``."""
        return trust.build_dashboard(
            self.couple, now, self.commitments, self.checkins, self.rituals,
            half_life_days=self.half_life_days, charts=charts,
        )


def load(user, couple_row, *, notes: bool = False, commitment_pk=None,
         audit: bool = True) -> CoupleState:
    """Return what ``user`` may read of ``couple_row``'s rebuild records.

    A partner reads their own records and their partner's shared ones; a therapist only the
    kinds in scope (each read is audited by ``readable_records``). ``commitment_pk`` limits the
    commitments to one; ``notes`` loads occurrence notes.
    """
    lib_couple = bridge.couple(couple_row)
    schedule, half_life = bridge.schedule(couple_row)
    state = CoupleState(couple_row, lib_couple, schedule, half_life)
    # Narrow to this couple before asking the access helper: for a therapist it audits every
    # couple whose records the queryset could reach, and other couples were not read.
    commitments = readable_records(
        user, m.Commitment.objects.filter(couple=couple_row), audit=audit
    ).order_by("created_at", "pk")
    if commitment_pk is not None:
        commitments = commitments.filter(pk=commitment_pk)
    rows = list(commitments)
    state.commitment_rows = {str(r.pk): r for r in rows}
    state.commitments = bridge.commitments(lib_couple, rows, notes=notes)
    if commitment_pk is None:
        checkins = readable_records(
            user, m.CheckIn.objects.filter(couple=couple_row), audit=audit
        )
        state.checkins = bridge.checkins(lib_couple, checkins)
    if commitment_pk is None and user.is_partner:
        # Rituals belong to the couple, not to a record kind a therapist can be given.
        ritual_rows = list(m.Ritual.objects.filter(couple=couple_row, retired_on__isnull=True))
        state.ritual_rows = {str(r.pk): r for r in ritual_rows}
        state.rituals = bridge.rituals(lib_couple, ritual_rows)
    return state
