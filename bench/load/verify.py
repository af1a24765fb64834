"""Check that every acknowledged write of a load run is in the database.

For each hurt partner, the stored statement must hold the marker of the last autosave the
server acknowledged (a later unacknowledged one may also have landed: then its marker is
newer); for each partner, the stored check-ins must number at least those acknowledged.
Prints a JSON summary; exits 1 when anything acknowledged is missing.

    python bench/load/verify.py results.json
"""
from __future__ import annotations

import json
import os
import re
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldseam.web.settings")

import django

django.setup()

from goldseam.web.journey.models import Statement
from goldseam.web.rebuild.models import CheckIn

MARKER = re.compile(r"draft (\d+) of couple (\d+)")


def verify(acks: dict) -> dict:
    """Return counts of acknowledged writes checked and lists of those missing."""
    missing_drafts, missing_checkins = [], []
    for user_id, marker in acks["drafts"].items():
        row = Statement.objects.filter(owner_id=int(user_id)).first()
        found = MARKER.search(row.what_happened) if row else None
        wanted = MARKER.search(marker)
        if found is None or int(found.group(1)) < int(wanted.group(1)):
            missing_drafts.append(user_id)
    for user_id, count in acks["checkins"].items():
        if CheckIn.objects.filter(owner_id=int(user_id)).count() < count:
            missing_checkins.append(user_id)
    return {"drafts_checked": len(acks["drafts"]),
            "checkins_checked": sum(acks["checkins"].values()),
            "missing_drafts": missing_drafts, "missing_checkins": missing_checkins}


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        report = verify(json.load(handle)["acks"])
    print(json.dumps(report))
    sys.exit(1 if report["missing_drafts"] or report["missing_checkins"] else 0)
