"""Keep the commitment ledger: versions of a promise, its occurrences, and who said what.

The owner marks each occurrence kept or missed; the partner answers with their own word, which
is the one that counts in every estimate. Where the two differ the ledger reports it, gently,
and never hides it. Every method validates fully before it changes anything, so a refused
action leaves the record exactly as it was.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from goldseam.trust.cadence import EVENT, TIMES_PER_WEEK, Cadence, parse_cadence
from goldseam.trust.catalogue import say
from goldseam.trust.errors import (
    AlreadyConfirmedError,
    CommitmentError,
    NotOwnerError,
    NotPartnerError,
    TrustError,
)
from goldseam.trust.people import Couple, Person
from goldseam.trust.reliability import Outcome

#: Longest commitment text; one concrete action fits in far fewer.
MAX_TEXT_CHARS = 500
#: Longest note attached to an occurrence.
MAX_NOTE_CHARS = 2_000


@dataclass(frozen=True)
class Version:
    """Hold one negotiated form of a commitment, in force from ``effective`` onwards."""

    number: int
    text: str
    cadence: Cadence
    effective: date
    note: str = ""


@dataclass(frozen=True)
class Occurrence:
    """Record one due (or logged) instance of a commitment and both partners' words on it.

    ``owner_kept`` and ``partner_kept`` are ``None`` until that person has spoken.
    """

    commitment_id: str
    version: int
    due: date
    slot: int = 0
    event_at: datetime | None = None
    owner_kept: bool | None = None
    owner_at: datetime | None = None
    partner_kept: bool | None = None
    partner_at: datetime | None = None
    note: str = ""

    @property
    def key(self) -> str:
        """Return a stable id: the same due date and slot always give the same key."""
        if self.event_at is not None:
            return f"{self.commitment_id}:event:{self.event_at.isoformat()}:{self.slot}"
        return f"{self.commitment_id}:{self.due.isoformat()}:{self.slot}"

    @property
    def disagreement(self) -> bool:
        """Say whether both spoke and saw it differently."""
        return (
            self.owner_kept is not None
            and self.partner_kept is not None
            and self.owner_kept != self.partner_kept
        )

    @property
    def counted(self) -> bool | None:
        """Return what counts: the partner's word, or ``None`` while they have not given it."""
        return self.partner_kept


@dataclass(frozen=True)
class Disagreement:
    """Pair an occurrence the partners saw differently with a gentle sentence about it."""

    occurrence: Occurrence
    sentence: str


@dataclass
class Commitment:
    """Hold a commitment: its owner, partner, versions, retirement and occurrences."""

    id: str
    owner: Person
    partner: Person
    versions: list[Version]
    retired_on: date | None = None
    occurrences: dict[str, Occurrence] = field(default_factory=dict)

    # -- making and changing -------------------------------------------------------------

    @classmethod
    def create(
        cls, id: str, couple: Couple, owner_id: str, text: str, cadence: str, start: date
    ) -> Commitment:
        """Return a new commitment by ``owner_id`` or raise ``TrustError`` naming the field."""
        owner = couple.person(owner_id)
        version = Version(1, _clean_text(text), parse_cadence(cadence), start)
        return cls(id, owner, couple.other(owner_id), [version])

    @property
    def current(self) -> Version:
        """Return the version in force now (the latest negotiated)."""
        return self.versions[-1]

    @property
    def start(self) -> date:
        """Return the date the first version took effect."""
        return self.versions[0].effective

    def renegotiate(self, text: str, cadence: str, effective: date, note: str = "") -> Version:
        """Add a new version in force from ``effective``; earlier versions and entries stay."""
        if self.retired_on is not None:
            raise CommitmentError("errors.retired", date=self.retired_on.isoformat())
        effective = max(effective, self.current.effective)
        version = Version(
            len(self.versions) + 1, _clean_text(text), parse_cadence(cadence), effective,
            _clean_note(note),
        )
        self.versions.append(version)
        return version

    def retire(self, on: date) -> None:
        """Stop the commitment from ``on`` (no occurrences due on or after it); keep history."""
        if self.retired_on is not None:
            raise CommitmentError("errors.retired", date=self.retired_on.isoformat())
        self.retired_on = max(on, self.start)

    # -- what falls due -----------------------------------------------------------------

    def version_on(self, day: date) -> Version:
        """Return the version in force on ``day`` (the first one before the start)."""
        chosen = self.versions[0]
        for version in self.versions:
            if version.effective <= day:
                chosen = version
        return chosen

    def due(self, first: date, last: date) -> list[Occurrence]:
        """Return the scheduled occurrences due between ``first`` and ``last`` inclusive.

        Each is the recorded occurrence where one exists, or a fresh, unanswered one.
        """
        if self.retired_on is not None:
            last = min(last, self.retired_on - timedelta(days=1))
        found: list[Occurrence] = []
        for index, version in enumerate(self.versions):
            until = last
            if index + 1 < len(self.versions):
                until = min(last, self.versions[index + 1].effective - timedelta(days=1))
            for day, slot in version.cadence.due(version.effective, first, until):
                fresh = Occurrence(self.id, version.number, day, slot)
                found.append(self.occurrences.get(fresh.key, fresh))
        return found

    def today(self, instant: datetime) -> date:
        """Return the owner's local date at ``instant``: the day their occurrences belong to."""
        return self.owner.local_date(instant)

    # -- the two partners' words --------------------------------------------------------

    def mark(
        self, by: str, kept: bool, at: datetime, day: date | None = None, slot: int = 0,
        note: str = "",
    ) -> Occurrence:
        """Record the owner's word on the occurrence due ``day`` (default: their today)."""
        if by != self.owner.id:
            raise NotOwnerError(field="person")
        if day is None:
            day, slot = self._default_day(self.today(at), slot)
        occurrence = self._scheduled(day, slot, at)
        if occurrence.owner_kept is not None:
            raise CommitmentError("errors.already_marked")
        return self._store(replace(
            occurrence, owner_kept=kept, owner_at=at, note=_clean_note(note) or occurrence.note
        ))

    def confirm(
        self, by: str, at: datetime, day: date, slot: int = 0, kept: bool | None = None,
        note: str = "",
    ) -> Occurrence:
        """Record the partner's word on the occurrence due ``day``; it is the one that counts.

        ``kept=None`` agrees with the owner's mark; ``True`` or ``False`` gives the partner's
        own view, which may differ (and is then shown as a disagreement).
        """
        self._check_partner(by)
        occurrence = self._find_event(day, slot) if self.current.cadence.kind == EVENT else (
            self._scheduled(day, slot, at)
        )
        return self._answer(occurrence, at, kept, note)

    def log_event(
        self, by: str, at: datetime, kept: bool, note: str = "", slot: int = 0
    ) -> Occurrence:
        """Log a moment of an event-driven commitment ("whenever she contacts me").

        The owner logs whether they kept it; the partner may log one the owner did not,
        and their word then counts directly.
        """
        version = self.version_on(self.today(at))
        if version.cadence.kind != EVENT:
            raise CommitmentError("errors.scheduled_only")
        self._check_open(self.today(at))
        if by not in (self.owner.id, self.partner.id):
            raise TrustError("errors.not_in_couple", field="person")
        occurrence = Occurrence(self.id, version.number, self.today(at), slot, event_at=at)
        if occurrence.key in self.occurrences:
            raise CommitmentError("errors.already_marked")
        if by == self.owner.id:
            occurrence = replace(occurrence, owner_kept=kept, owner_at=at, note=_clean_note(note))
        else:
            occurrence = replace(
                occurrence, partner_kept=kept, partner_at=at, note=_clean_note(note)
            )
        return self._store(occurrence)

    # -- reading the ledger -------------------------------------------------------------

    def recorded(self) -> list[Occurrence]:
        """Return every recorded occurrence, oldest first."""
        return sorted(
            self.occurrences.values(),
            key=lambda o: (o.due, o.event_at.timestamp() if o.event_at else 0.0, o.slot),
        )

    def outcomes(self, recorded: list[Occurrence] | None = None) -> list[Outcome]:
        """Return the partner-confirmed outcomes: the trials every estimate counts.

        ``recorded`` (the result of ``recorded()``) saves sorting again when already at hand.
        """
        return [
            Outcome(o.due, o.partner_kept)
            for o in (self.recorded() if recorded is None else recorded)
            if o.partner_kept is not None
        ]

    def unanswered(self, today: date) -> int:
        """Return how many scheduled occurrences due before ``today`` nobody has spoken about."""
        last = today - timedelta(days=1)
        if self.retired_on is not None:
            last = min(last, self.retired_on - timedelta(days=1))
        due = 0
        for index, version in enumerate(self.versions):
            until = last
            if index + 1 < len(self.versions):
                until = min(last, self.versions[index + 1].effective - timedelta(days=1))
            due += version.cadence.count(version.effective, version.effective, until)
        # Every recorded occurrence carries someone's word (only mark and confirm create one).
        spoken = sum(1 for o in self.occurrences.values() if o.event_at is None and o.due <= last)
        return due - spoken

    def awaiting_partner(self, recorded: list[Occurrence] | None = None) -> list[Occurrence]:
        """Return occurrences the owner marked that the partner has not answered yet."""
        return [
            o for o in (self.recorded() if recorded is None else recorded)
            if o.owner_kept is not None and o.partner_kept is None
        ]

    def disagreements(self, recorded: list[Occurrence] | None = None) -> list[Disagreement]:
        """Return every occurrence the partners saw differently, each with a gentle sentence."""
        found = []
        for occurrence in self.recorded() if recorded is None else recorded:
            if occurrence.disagreement:
                key = (
                    "disagreement.owner_kept_partner_missed" if occurrence.owner_kept
                    else "disagreement.owner_missed_partner_kept"
                )
                found.append(Disagreement(occurrence, say(
                    key, date=occurrence.due.isoformat(), owner=self.owner.name,
                    partner=self.partner.name,
                )))
        return found

    # -- internals ----------------------------------------------------------------------

    def _check_partner(self, by: str) -> None:
        if by == self.owner.id:
            raise NotPartnerError(field="person")
        if by != self.partner.id:
            raise TrustError("errors.not_in_couple", field="person")

    def _check_open(self, day: date) -> None:
        if day < self.start:
            raise CommitmentError("errors.before_start", date=self.start.isoformat())
        if self.retired_on is not None and day >= self.retired_on:
            raise CommitmentError("errors.retired", date=self.retired_on.isoformat())

    def _scheduled(self, day: date, slot: int, at: datetime) -> Occurrence:
        self._check_open(day)
        version = self.version_on(day)
        if version.cadence.kind == EVENT:
            raise CommitmentError("errors.event_only")
        today = self.today(at)
        # "Twice a week" falls due on the week's Sunday but may be marked from its Monday.
        opens = day - timedelta(days=6) if version.cadence.kind == TIMES_PER_WEEK else day
        if opens > today:
            raise CommitmentError("errors.not_due_yet", date=day.isoformat())
        matches = [o for o in self.due(day, day) if o.slot == slot]
        if not matches:
            raise CommitmentError("errors.not_scheduled", date=day.isoformat())
        return matches[0]

    def _default_day(self, today: date, slot: int) -> tuple[date, int]:
        cadence = self.version_on(today).cadence
        if cadence.kind != TIMES_PER_WEEK:
            return today, slot
        # "Twice a week": today's mark goes to this week's first slot nobody has marked yet.
        sunday = today + timedelta(days=6 - today.weekday())
        for candidate in range(cadence.times):
            occurrence = self.occurrences.get(Occurrence(self.id, 0, sunday, candidate).key)
            if occurrence is None or occurrence.owner_kept is None:
                return sunday, candidate
        return sunday, cadence.times - 1

    def _find_event(self, day: date, slot: int) -> Occurrence:
        for occurrence in self.recorded():
            if occurrence.event_at is not None and occurrence.due == day and (
                occurrence.slot == slot
            ):
                return occurrence
        raise CommitmentError("errors.unknown_occurrence")

    def find(self, key: str) -> Occurrence:
        """Return the recorded occurrence with ``key`` or raise ``CommitmentError``."""
        try:
            return self.occurrences[key]
        except KeyError:
            raise CommitmentError("errors.unknown_occurrence") from None

    def confirm_key(
        self, by: str, at: datetime, key: str, kept: bool | None = None, note: str = ""
    ) -> Occurrence:
        """Record the partner's word on the recorded occurrence with ``key``."""
        self._check_partner(by)
        return self._answer(self.find(key), at, kept, note)

    def _answer(
        self, occurrence: Occurrence, at: datetime, kept: bool | None, note: str
    ) -> Occurrence:
        if occurrence.partner_kept is not None:
            raise AlreadyConfirmedError()
        if kept is None:
            if occurrence.owner_kept is None:
                raise CommitmentError("errors.unknown_occurrence")
            kept = occurrence.owner_kept
        return self._store(replace(
            occurrence, partner_kept=kept, partner_at=at,
            note=_clean_note(note) or occurrence.note,
        ))

    def _store(self, occurrence: Occurrence) -> Occurrence:
        self.occurrences[occurrence.key] = occurrence
        return occurrence


def _clean_text(text: str) -> str:
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise TrustError("errors.text_empty", field="text")
    if len(cleaned) > MAX_TEXT_CHARS:
        raise TrustError("errors.text_too_long", field="text", limit=MAX_TEXT_CHARS)
    return cleaned


def _clean_note(note: str) -> str:
    cleaned = (note or "").strip()
    if len(cleaned) > MAX_NOTE_CHARS:
        raise TrustError("errors.note_too_long", field="note", limit=MAX_NOTE_CHARS)
    return cleaned
