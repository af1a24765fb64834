"""Turn a promise from the needs step into a commitment in the rebuild ledger.

The ledger (``goldseam.web.rebuild``) owns commitments; this module creates one through its
model and the trust library's rules (``trust.Commitment.create`` checks text and cadence),
and tags it with ``source`` so the same promise is taken once.
"""
from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils import timezone

from goldseam import trust
from goldseam.web.core.access import readable_records
from goldseam.web.rebuild import bridge
from goldseam.web.rebuild import models as ledger


def source_tag(injury_id: int, sentence: str) -> str:
    """Return the ledger ``source`` naming one promise of one injury (under 80 characters)."""
    digest = hashlib.sha256(sentence.strip().encode("utf-8")).hexdigest()[:16]
    return f"journey:{injury_id}:{digest}"


def taken_tags(injury_id: int) -> set[str]:
    """Return the sources of this injury's promises already in the ledger."""
    prefix = f"journey:{injury_id}:"
    return set(ledger.Commitment.objects.filter(source__startswith=prefix)
               .values_list("source", flat=True))


@transaction.atomic
def make_commitment(user, couple, injury_id: int, text: str, cadence: str) -> ledger.Commitment:
    """Create ``user``'s commitment with ``text`` and ``cadence``, shared with the couple.

    Raises ``trust.TrustError`` (with ``field`` "text" or "cadence") for input the ledger
    refuses.
    """
    lib_couple = bridge.couple(couple)
    me = str(user.pk)
    now = timezone.now()
    today = lib_couple.person(me).local_date(now)
    made = trust.Commitment.create("new", lib_couple, me, text, cadence, today)
    row = ledger.Commitment.objects.create(owner=user, couple=couple, shared_at=now,
                                           source=source_tag(injury_id, text))
    version = made.current
    ledger.CommitmentVersion.objects.create(commitment=row, number=1, text=version.text,
                                            cadence=version.cadence.text,
                                            effective=version.effective)
    return row


def commitments_of(user, injury_id: int) -> list[dict]:
    """Return the ledger commitments that came from this injury's needs step, readable by user."""
    rows = readable_records(user, ledger.Commitment.objects.filter(
        source__startswith=f"journey:{injury_id}:").select_related("owner"))
    found = []
    for row in rows.order_by("created_at"):
        version = row.versions.order_by("-number").first()
        if version is not None:
            found.append({"pk": row.pk, "owner": row.owner, "text": version.text,
                          "cadence": version.cadence})
    return found
