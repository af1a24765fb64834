"""Turn stored rows into ``goldseam.trust`` objects and write the library's results back.

The library owns every rule (who may mark, what is due, what counts); this module only moves
data. Loading uses ``values_list`` rather than model instances because a year of daily entries
for twenty commitments is over 7,000 rows and the dashboard has 100 ms for all of it.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime

from django.conf import settings
from django.db import IntegrityError, connection, transaction

from goldseam import trust
from goldseam.trust.commitments import Occurrence as LibOccurrence
from goldseam.trust.commitments import Version
from goldseam.trust.rituals import PromptUse
from goldseam.trust.schedule import CheckInSchedule
from goldseam.web.rebuild import models as m

#: Instant before any real one: a person's first zone applies to all of their past.
_EPOCH = datetime.min.replace(tzinfo=UTC)


def person(user, zones: list[tuple[datetime, str]] | None = None) -> trust.Person:
    """Return the library's Person for ``user`` with their zone history (default: the site's)."""
    if zones is None:
        zones = list(m.ZoneChange.objects.filter(user=user).values_list("since", "zone"))
    history = [(_EPOCH, zones[0][1])] + zones[1:] if zones else [(_EPOCH, settings.TIME_ZONE)]
    return trust.Person(str(user.pk), str(user), tuple(history))


def couple(row) -> trust.Couple:
    """Return the library's Couple for a stored couple of two partners."""
    users = row.partners()
    zones: dict[int, list] = defaultdict(list)
    for user_id, since, zone in m.ZoneChange.objects.filter(user__in=users).values_list(
        "user_id", "since", "zone"
    ):
        zones[user_id].append((since, zone))
    people = tuple(person(u, zones.get(u.pk, [])) for u in users)
    if len(people) != 2:
        raise ValueError("the rebuild stage needs a couple of two partners")
    return trust.Couple(str(row.pk), people)


def commitments(lib_couple: trust.Couple, rows, *, notes: bool = False) -> list[trust.Commitment]:
    """Return library commitments for the stored ``rows`` (a queryset of Commitment).

    ``notes`` loads occurrence notes too (the ledger page); the dashboard does without.
    """
    rows = list(rows)
    ids = [r.pk for r in rows]
    versions: dict[int, list[Version]] = defaultdict(list)
    for cid, number, text, cadence, effective, note in m.CommitmentVersion.objects.filter(
        commitment_id__in=ids
    ).order_by("commitment_id", "number").values_list(
        "commitment_id", "number", "text", "cadence", "effective", "note"
    ):
        versions[cid].append(Version(number, text, trust.parse_cadence(cadence), effective, note))
    occurrences = _occurrences(ids, full=notes)
    found = []
    for row in rows:
        owner = lib_couple.person(str(row.owner_id))
        found.append(trust.Commitment(
            str(row.pk), owner, lib_couple.other(owner.id), versions[row.pk], row.retired_on,
            occurrences[row.pk],
        ))
    return found


def _occurrences(ids: list[int], *, full: bool) -> dict[int, dict]:
    """Return stored occurrences by commitment id, then by key.

    Without ``full``, only what estimates and due dates need is read: the instants of each
    word and the notes are left out (a year of twenty daily commitments is 7,300 rows, and
    turning 15,000 timestamps into datetimes cost more than the whole dashboard may).
    The stored ``key`` is the library's own, so it is used rather than recomputed.
    """
    found: dict[int, dict] = defaultdict(dict)
    if not ids:
        return found
    rows = m.Occurrence.objects.filter(commitment_id__in=ids)
    if full:
        for cid, key, *values in rows.values_list(
            "commitment_id", "key", "version", "due", "slot", "event_at", "owner_kept",
            "owner_at", "partner_kept", "partner_at", "note",
        ):
            found[cid][key] = LibOccurrence(str(cid), *values)
        return found
    # Plain SQL for the hot path: Django's per-value converters were most of the page's time.
    # The date comes back as ISO text on every database (the C parser is faster than the
    # driver's converter); SQLite hands back 0/1 for booleans, PostgreSQL booleans.
    table = m.Occurrence._meta.db_table
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT commitment_id, key, version, CAST(due AS TEXT), slot, event_at, "
            f"owner_kept, partner_kept "
            f"FROM {table} WHERE commitment_id IN ({marks})", ids,
        )
        fetched = cursor.fetchall()  # one call: iterating the wrapper costs a call per row
    names = {cid: str(cid) for cid in ids}
    for cid, key, version, due, slot, event_at, owner_kept, partner_kept in fetched:
        due = date.fromisoformat(due)
        if event_at is not None:
            if isinstance(event_at, str):
                event_at = datetime.fromisoformat(event_at)
            # SQLite keeps instants as naive UTC; make them aware as Django would.
            if event_at.tzinfo is None:
                event_at = event_at.replace(tzinfo=UTC)
        found[cid][key] = LibOccurrence(
            names[cid], version, due, slot, event_at,
            None if owner_kept is None else bool(owner_kept), None,
            None if partner_kept is None else bool(partner_kept),
        )
    return found


def save_occurrence(row: m.Commitment, occ: LibOccurrence, *, answering: bool = False) -> bool:
    """Store the library's occurrence; return False when someone already gave that word.

    Writes are conditional (``partner_kept`` still empty for an answer, no row yet for a
    mark), so two tabs or a double click cannot count one occurrence twice.
    """
    # A new row's words are the owner's unless only the partner gave a word (a logged event).
    by_partner = answering or (occ.owner_kept is None and occ.partner_kept is not None)
    values = {
        "version": occ.version, "due": occ.due, "slot": occ.slot, "event_at": occ.event_at,
        "owner_kept": occ.owner_kept, "owner_at": occ.owner_at, "partner_kept": occ.partner_kept,
        "partner_at": occ.partner_at, "note": occ.note,
        "note_by": (_partner_of(row) if by_partner else row.owner) if occ.note else None,
    }
    existing = m.Occurrence.objects.filter(commitment=row, key=occ.key)
    if answering and existing.exists():
        updated = existing.filter(partner_kept__isnull=True).update(
            partner_kept=occ.partner_kept, partner_at=occ.partner_at
        )
        stored = existing.get() if updated and occ.note else None
        # The library keeps the owner's note when the partner wrote none: only new words
        # change whose note it is.
        if stored is not None and stored.note != occ.note:
            stored.note = occ.note
            stored.note_by = _partner_of(row)
            stored.save(update_fields=["note", "note_by"])
        return bool(updated)
    if existing.exists():
        return bool(existing.filter(owner_kept__isnull=True).update(
            owner_kept=occ.owner_kept, owner_at=occ.owner_at
        ))
    try:
        with transaction.atomic():
            m.Occurrence.objects.create(commitment=row, key=occ.key, **values)
    except IntegrityError:
        return False
    return True


def _partner_of(row: m.Commitment):
    """Return the partner of the commitment's owner (the only other person who may write)."""
    return row.couple.other_partner(row.owner) if row.couple_id else None


def checkins(lib_couple: trust.Couple, rows) -> list[trust.CheckIn]:
    """Return scored library check-ins for the stored ``rows`` (need and note left out)."""
    from goldseam.trust.checkins import score

    found = []
    for owner_id, at, ratings, version in rows.values_list(
        "owner_id", "at", "ratings", "instrument_version"
    ):
        clean = {k: int(v) for k, v in ratings.items()}
        found.append(trust.CheckIn(
            lib_couple.id, str(owner_id), at, clean, "", instrument_version=version,
            scores=score(clean),
        ))
    return found


def rituals(lib_couple: trust.Couple, rows) -> list[trust.Ritual]:
    """Return library rituals for the stored ``rows`` with the days each was done."""
    rows = list(rows)
    done: dict[int, dict] = defaultdict(dict)
    for rid, day, by, at in m.RitualDone.objects.filter(ritual__in=rows).values_list(
        "ritual_id", "day", "by_id", "at"
    ):
        done[rid][day] = (str(by), at)
    return [
        trust.Ritual(str(r.pk), lib_couple, r.kind, trust.parse_cadence(r.cadence), r.start,
                     done[r.pk])
        for r in rows
    ]


def prompt_history(couple_row) -> list[PromptUse]:
    """Return every prompt the couple was offered, as the chooser reads it."""
    return [
        PromptUse(day, kind, prompt_id)
        for day, kind, prompt_id in m.RitualPrompt.objects.filter(couple=couple_row)
        .values_list("day", "ritual__kind", "prompt_id")
    ]


def schedule(couple_row) -> tuple[CheckInSchedule, float]:
    """Return the couple's check-in schedule and half-life, creating the default (weekly)."""
    row, _ = m.CheckInCadence.objects.get_or_create(
        couple=couple_row, defaults={"start": couple_row.created_at.date()}
    )
    return CheckInSchedule(row.start, row.every), row.half_life_days
