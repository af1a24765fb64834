"""Turn commitments, check-ins and rituals into versioned plain dicts and back.

For exports and for storing the library's records as JSON. Every dict carries
``"format": FORMAT_VERSION``; a dict from a newer format is refused with a message that says to
update, rather than read wrongly.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from goldseam.trust.cadence import parse_cadence
from goldseam.trust.checkins import CheckIn, score
from goldseam.trust.commitments import Commitment, Occurrence, Version
from goldseam.trust.errors import TrustError
from goldseam.trust.people import Couple
from goldseam.trust.rituals import Ritual

#: Version of the dict layout below; bump it, and read the old one, when the layout changes.
FORMAT_VERSION = 1


def _check(data: dict[str, Any]) -> None:
    found = data.get("format")
    if found != FORMAT_VERSION:
        raise TrustError("errors.format_version", found=found, expected=FORMAT_VERSION)


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def commitment_to_dict(commitment: Commitment) -> dict[str, Any]:
    """Return ``commitment`` with its versions and occurrences as a JSON-ready dict."""
    return {
        "format": FORMAT_VERSION,
        "id": commitment.id,
        "owner": commitment.owner.id,
        "retired_on": commitment.retired_on.isoformat() if commitment.retired_on else None,
        "versions": [
            {"number": v.number, "text": v.text, "cadence": v.cadence.text,
             "effective": v.effective.isoformat(), "note": v.note}
            for v in commitment.versions
        ],
        "occurrences": [
            {"version": o.version, "due": o.due.isoformat(), "slot": o.slot,
             "event_at": o.event_at.isoformat() if o.event_at else None,
             "owner_kept": o.owner_kept,
             "owner_at": o.owner_at.isoformat() if o.owner_at else None,
             "partner_kept": o.partner_kept,
             "partner_at": o.partner_at.isoformat() if o.partner_at else None,
             "note": o.note}
            for o in commitment.recorded()
        ],
    }


def commitment_from_dict(data: dict[str, Any], couple: Couple) -> Commitment:
    """Return the commitment ``data`` describes, its owner and partner taken from ``couple``."""
    _check(data)
    owner = couple.person(data["owner"])
    versions = [
        Version(v["number"], v["text"], parse_cadence(v["cadence"]),
                date.fromisoformat(v["effective"]), v.get("note", ""))
        for v in data["versions"]
    ]
    retired = data.get("retired_on")
    commitment = Commitment(
        data["id"], owner, couple.other(owner.id), versions,
        date.fromisoformat(retired) if retired else None,
    )
    for o in data["occurrences"]:
        occurrence = Occurrence(
            commitment.id, o["version"], date.fromisoformat(o["due"]), o["slot"],
            _when(o["event_at"]), o["owner_kept"], _when(o["owner_at"]), o["partner_kept"],
            _when(o["partner_at"]), o.get("note", ""),
        )
        commitment.occurrences[occurrence.key] = occurrence
    return commitment


def checkin_to_dict(checkin: CheckIn) -> dict[str, Any]:
    """Return ``checkin`` as a JSON-ready dict (scores are recomputed when read)."""
    return {
        "format": FORMAT_VERSION, "couple": checkin.couple_id, "person": checkin.person_id,
        "at": checkin.at.isoformat(), "ratings": dict(checkin.ratings), "need": checkin.need,
        "note": checkin.note, "note_shared": checkin.note_shared,
        "instrument": checkin.instrument_version,
    }


def checkin_from_dict(data: dict[str, Any]) -> CheckIn:
    """Return the check-in ``data`` describes, rescored with the current instrument."""
    _check(data)
    ratings = {k: int(v) for k, v in data["ratings"].items()}
    return CheckIn(
        data["couple"], data["person"], datetime.fromisoformat(data["at"]), ratings,
        data["need"], data.get("note", ""), bool(data.get("note_shared")),
        data.get("instrument", 1), score(ratings),
    )


def ritual_to_dict(ritual: Ritual) -> dict[str, Any]:
    """Return ``ritual`` and the days it was done as a JSON-ready dict."""
    return {
        "format": FORMAT_VERSION, "id": ritual.id, "kind": ritual.kind,
        "cadence": ritual.cadence.text, "start": ritual.start.isoformat(),
        "done": [{"day": d.isoformat(), "by": by, "at": at.isoformat()}
                 for d, (by, at) in sorted(ritual.done.items())],
    }


def ritual_from_dict(data: dict[str, Any], couple: Couple) -> Ritual:
    """Return the ritual ``data`` describes for ``couple``."""
    _check(data)
    ritual = Ritual.create(data["id"], couple, data["kind"], date.fromisoformat(data["start"]),
                           data["cadence"])
    for entry in data["done"]:
        ritual.done[date.fromisoformat(entry["day"])] = (entry["by"],
                                                         datetime.fromisoformat(entry["at"]))
    return ritual
