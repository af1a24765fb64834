"""Give the demo couple a journey under way (``goldseam seed``): one injury, its statement shared.

Sophie has named the hurt and shared her statement; Emma has started her side of the cycle in
private. Stages 3 and 4 are left for a person (or the browser test) to walk.
"""
from __future__ import annotations

from goldseam.web.journey.models import CycleAccount, Injury, JourneyEvent, Statement

TITLE = "The messages with Jules"
WHAT_HAPPENED = ("Last month I saw the messages between you and Jules. For months you had been "
                 "telling her about us: about our fights, about me.")
IMPACT = ("I felt shut out of my own relationship, and replaceable. I need to know I'm your "
          "person.")


def seed(cast: dict) -> None:
    """Add the demo injury, Sophie's shared statement and Emma's private cycle draft."""
    sophie, emma, couple = cast["sophie"], cast["emma"], cast["couple"]
    injury = Injury.objects.create(couple=couple, hurt_partner=sophie, created_by=sophie,
                                   title=TITLE)
    statement = Statement.objects.create(owner=sophie, couple=couple, injury=injury,
                                         what_happened=WHAT_HAPPENED, impact=IMPACT)
    statement.share()
    JourneyEvent.mark(injury, "statement_shared", sophie)
    CycleAccount.objects.create(owner=emma, couple=couple, injury=injury,
                                did="went quiet and changed the subject", felt="ashamed")
