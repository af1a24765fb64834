"""Find the negative cycle in a conversation between two partners (contract section 3).

The per-message engine codes each turn; this module reads the codes of both partners
together: who presses, who retreats, whether both attack or both go quiet, and where
someone who was in the cycle first speaks from a softer place.

Per-turn codes are noisy, so the reading leans on proportions and on both partners'
moves rather than on any single turn, and it follows the contract's rule that a single
cycle move repaired at once does not make a cycle.
"""
from __future__ import annotations

import itertools
import json
import re
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from goldseam.language.types import CONNECTING_CODES, CYCLE_CODES, NEUTRAL, PATTERNS, ROLES

#: Codes that press towards the partner (the pursuer's and the attacker's moves).
PRESSING_CODES = frozenset({"blame", "contempt", "pursuit"})
#: Codes that move away from the partner (the withdrawer's moves).
RETREATING_CODES = frozenset({"withdrawal", "defensiveness", "empty_apology"})
#: How much of each cycle code presses (the rest retreats). Defensiveness is half and half:
#: a withdrawer defends while backing away ("It was nothing"), an attacker defends by
#: counter-attacking ("Maybe if you weren't a liar..."); the other codes of the turn and of
#: the speaker's other turns decide which.
PRESS_WEIGHT = {"blame": 1.0, "contempt": 1.0, "pursuit": 1.0, "defensiveness": 0.5,
                "withdrawal": 0.0, "empty_apology": 0.0}
_CYCLE = frozenset(CYCLE_CODES)
_CONNECTING = frozenset(CONNECTING_CODES)

#: Texts this many words long or shorter, with no code, that answer a partner's cycle move
#: count as a quarter of a retreat: "Out." "ok" "If you say." are how people go quiet in a
#: chat, but so are "Thanks." and "On it.", so one curt reply alone weighs little.
CURT_REPLY_MAX_WORDS = 3
CURT_REPLY_WEIGHT = 0.25
#: A reply with no words at all ("...", an emoji, a blank) to a cycle move is going quiet.
SILENT_REPLY_WEIGHT = 1.0
#: A cycle move with no other within this many turns either side is a single move; the
#: contract says a single move repaired at once does not make a cycle.
REPAIR_WINDOW = 3
#: The thresholds below were chosen on the tuning split only (data/conversations/tune.jsonl),
#: scoring the default engine, the rules-only engine, and gold codes with random errors.
#: A speaker is in the cycle with at least this much unrepaired cycle weight (one whole
#: cycle move, or curt replies adding up to one) ...
MIN_CYCLE_WEIGHT = 1.0
#: ... and with at least this share of their turns feeding it; a long, kind conversation
#: with two sharp lines in it is not a cycle.
MIN_CYCLE_SHARE = 0.2
#: Both partners retreat when neither presses more than this share: in freeze-and-flee
#: nobody pushes, while a pursuer whose pushes the engine half-misses still shows some.
QUIET_PRESSING_SHARE = 0.4
#: The partner of a speaker in the cycle joins it with at least this much cycle weight.
MIN_OTHER_WEIGHT = 0.5
#: Both partners attack when each presses more than this share of their cycle weight; a
#: lone partner in the cycle presses (pursues) at or above it.
PRESSING_SHARE = 0.5
#: Timing (where timestamps exist): a run of unanswered messages whose partner stays silent
#: this long afterwards (or never answers) is withdrawal on the silent side.
SILENCE_SECONDS = 2 * 3600
UNANSWERED_RUN = 2
#: Turns analysed per engine call: large enough to amortise the engine, small enough that a
#: year of chat never sits in memory as texts.
BATCH_SIZE = 512
#: Distinct short texts whose codes are remembered while reading one conversation, and the
#: longest text remembered (long messages rarely repeat word for word).
CODE_CACHE_SIZE = 8192
CACHED_TEXT_CHARS = 200
#: Characters of each turn kept for quoting evidence.
QUOTE_CHARS = 120

_WORD = re.compile(r"\w+", re.UNICODE)

Analyzer = Callable[[list[str]], list]


class SpeakerError(ValueError):
    """Raised when a conversation has more than two speakers and none were chosen."""

    def __init__(self, speakers: Sequence[str]):
        self.speakers = list(speakers)
        super().__init__(
            f"this conversation has {len(self.speakers)} speakers "
            f"({', '.join(self.speakers)}); name the couple with --speakers A,B"
        )


@dataclass
class Turn:
    """One message in a conversation, with its time when the source has one."""

    speaker: str
    text: str
    timestamp: datetime | None = None


@dataclass
class TurnReading:
    """What the analysis keeps of one turn: its codes, a quote, and its place in time."""

    index: int
    speaker: str
    codes: tuple[str, ...]
    quote: str
    words: int
    timestamp: float | None = None
    quiet_weight: float = 0.0  # going quiet without a code (curt or empty reply)
    silence_after: float = 0.0  # this speaker's hours of silence before this reply
    repaired: bool = False
    notes: tuple[str, ...] = ()  # the engine's error or warnings for this text

    @property
    def feeds_cycle(self) -> bool:
        return any(c in _CYCLE for c in self.codes)

    @property
    def connects(self) -> bool:
        return any(c in _CONNECTING for c in self.codes)


@dataclass
class SpeakerSummary:
    """One partner's moves: counts, shares, most frequent codes and the role they add up to."""

    speaker: str
    turns: int = 0
    role: str = "none"
    pressing: float = 0.0
    retreating: float = 0.0
    connecting_turns: int = 0
    cycle_turns: int = 0
    code_counts: Counter = field(default_factory=Counter)
    evidence: list[dict] = field(default_factory=list)

    @property
    def cycle_weight(self) -> float:
        return self.pressing + self.retreating

    @property
    def cycle_share(self) -> float:
        return self.cycle_turns / self.turns if self.turns else 0.0

    @property
    def connecting_share(self) -> float:
        return self.connecting_turns / self.turns if self.turns else 0.0

    @property
    def pressing_share(self) -> float:
        return self.pressing / self.cycle_weight if self.cycle_weight else 0.0

    def top_codes(self, n: int = 3) -> list[tuple[str, int]]:
        """Return the ``n`` most frequent codes other than neutral, most frequent first."""
        counts = Counter({c: k for c, k in self.code_counts.items() if c != NEUTRAL})
        return counts.most_common(n)

    def to_dict(self) -> dict:
        return {
            "role": self.role,
            "turns": self.turns,
            "cycle_share": round(self.cycle_share, 3),
            "connecting_share": round(self.connecting_share, 3),
            "pressing": round(self.pressing, 2),
            "retreating": round(self.retreating, 2),
            "top_codes": [{"code": c, "count": k} for c, k in self.top_codes()],
            "evidence": self.evidence,
        }


@dataclass
class ConversationAnalysis:
    """The cycle the conversation shows: pattern, roles with evidence, softening turns."""

    pattern: str
    roles: dict[str, str]
    softening_turns: list[int]
    turns: list[TurnReading]
    speakers: dict[str, SpeakerSummary]
    note: str | None = None  # "empty" or "one_speaker" when no cycle could run

    def to_dict(self) -> dict:
        """Return the contract's output object (without ``id``), with summaries added."""
        out = {
            "pattern": self.pattern,
            "roles": dict(self.roles),
            "softening_turns": list(self.softening_turns),
            "turns": [{"codes": list(t.codes), **({"notes": list(t.notes)} if t.notes else {})}
                      for t in self.turns],
            "speakers": {name: s.to_dict() for name, s in self.speakers.items()},
        }
        if self.note:
            out["note"] = self.note
        return out


def _default_analyzer(engine: str | None) -> Analyzer:
    """Return the language engine's batch analyzer (imported late: it loads a model)."""
    try:
        from goldseam.language import analyze_many
    except ImportError:  # the package's facade not wired yet: use the registry directly
        from goldseam.language.engines import get_engine

        return get_engine(engine).analyze_many
    return lambda texts: analyze_many(texts, engine=engine)


def _codes_of(result) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return (codes, notes) of one engine result; an unreadable text counts as neutral.

    Notes are the engine's error or warnings ("not English", "emoji only"), kept so that
    the report can say how much of a chat the engine could not read.
    """
    get = result.get if isinstance(result, dict) else lambda key: getattr(result, key, None)
    notes = tuple(get("warnings") or ())
    if get("error"):
        notes = (get("error"),) + notes
    return tuple(get("codes") or (NEUTRAL,)), notes


def _as_turn(item) -> Turn:
    if isinstance(item, Turn):
        return item
    if isinstance(item, dict):
        return Turn(str(item["speaker"]), str(item["text"]), item.get("timestamp"))
    speaker, text = item[0], item[1]
    return Turn(str(speaker), str(text), item[2] if len(item) > 2 else None)


def _batches(turns: Iterable, size: int) -> Iterator[list[Turn]]:
    batch: list[Turn] = []
    for item in turns:
        batch.append(_as_turn(item))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _CodeCache:
    """Code texts with an analyzer, asking it once per distinct short text.

    Chats repeat themselves ("ok", "Love you", an emoji); a bounded cache of recent short
    texts saves the engine that work without holding a year of chat in memory.
    """

    def __init__(self, analyzer: Analyzer, size: int | None = None):
        self.analyzer = analyzer
        self.size = CODE_CACHE_SIZE if size is None else size
        self.known: OrderedDict[str, tuple[tuple[str, ...], tuple[str, ...]]] = OrderedDict()

    def codes(self, texts: list[str]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """Return each text's (codes, notes), in order."""
        missing = list(dict.fromkeys(t for t in texts if t not in self.known))
        fresh = dict(zip(missing, map(_codes_of, self.analyzer(missing)), strict=True))
        # Look everything up before remembering the fresh texts, which may evict old ones.
        out = [fresh[t] if t in fresh else self.known[t] for t in texts]
        for text in texts:
            if text in self.known:
                self.known.move_to_end(text)
        for text, codes in fresh.items():
            if len(text) <= CACHED_TEXT_CHARS:
                self.known[text] = codes
        while len(self.known) > self.size:
            self.known.popitem(last=False)
        return out


def read_turns(
    turns: Iterable,
    analyzer: Analyzer,
    speakers: Sequence[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[TurnReading]:
    """Code every turn with ``analyzer`` in batches, keeping only what the analysis needs.

    ``turns`` may be a lazy iterator of :class:`Turn`, dicts or (speaker, text[, time])
    tuples. With ``speakers``, other speakers' turns are dropped; without it, a third
    speaker raises :class:`SpeakerError`.
    """
    chosen = list(speakers) if speakers else None
    cache = _CodeCache(analyzer)
    seen: list[str] = []
    readings: list[TurnReading] = []
    for batch in _batches(turns, BATCH_SIZE):
        if chosen:
            batch = [t for t in batch if t.speaker in chosen]
        else:
            for t in batch:
                if t.speaker not in seen:
                    seen.append(t.speaker)
            if len(seen) > 2:
                raise SpeakerError(seen)
        if not batch:
            continue
        for turn, (codes, notes) in zip(batch, cache.codes([t.text for t in batch]),
                                        strict=True):
            stamp = turn.timestamp.timestamp() if turn.timestamp else None
            text = turn.text.strip()
            readings.append(
                TurnReading(
                    index=len(readings),
                    speaker=turn.speaker,
                    codes=codes,
                    notes=notes,
                    quote=text[:QUOTE_CHARS],
                    words=len(_WORD.findall(text)),
                    timestamp=stamp,
                )
            )
        if progress:
            progress(len(readings))
    return readings


def _mark_quiet(readings: list[TurnReading]) -> None:
    """Credit curt or empty uncoded replies to a partner's cycle move as going quiet."""
    for prev, turn in itertools.pairwise(readings):
        if turn.speaker == prev.speaker or not prev.feeds_cycle:
            continue
        if turn.feeds_cycle or turn.connects:
            continue
        if turn.words == 0:
            turn.quiet_weight = SILENT_REPLY_WEIGHT
        elif turn.words <= CURT_REPLY_MAX_WORDS:
            turn.quiet_weight = CURT_REPLY_WEIGHT


def _mark_silences(readings: list[TurnReading]) -> None:
    """Credit withdrawal to a partner who leaves a run of messages unanswered for long.

    The wait is counted from the run's first message, so a partner who lets three messages
    pile up over an evening is silent even if they answer the last one at once. A run still
    unanswered when the export ends is not counted: the export may simply have been made.
    """
    i = 0
    while i < len(readings):
        j = i
        while j + 1 < len(readings) and readings[j + 1].speaker == readings[i].speaker:
            j += 1
        run = readings[i : j + 1]
        first = run[0]
        reply = readings[j + 1] if j + 1 < len(readings) else None
        timed = reply is not None and first.timestamp is not None and reply.timestamp is not None
        if timed and len(run) >= UNANSWERED_RUN:
            waited = reply.timestamp - first.timestamp
            # Only a run that asks or presses expects an answer; "night night x" does not.
            pressing = any(t.feeds_cycle or t.quote.endswith("?") for t in run)
            if waited >= SILENCE_SECONDS and pressing:
                reply.silence_after = 1.0
                reply.quiet_weight = max(reply.quiet_weight, 1.0)
        i = j + 1


def _mark_repairs(readings: list[TurnReading]) -> None:
    """Mark single cycle moves that are repaired at once, which do not make a cycle.

    A move is single when no other cycle move comes within REPAIR_WINDOW turns before or
    after it; it is repaired when one of the two turns after it connects.
    """
    for i, turn in enumerate(readings):
        if not (turn.feeds_cycle or turn.quiet_weight):
            continue
        around = readings[max(0, i - REPAIR_WINDOW) : i] + readings[i + 1 : i + 1 + REPAIR_WINDOW]
        if any(t.feeds_cycle or t.quiet_weight for t in around):
            continue
        if any(t.connects for t in readings[i + 1 : i + 3]):
            turn.repaired = True


def _summarise(readings: list[TurnReading], names: list[str]) -> dict[str, SpeakerSummary]:
    summaries = {name: SpeakerSummary(name) for name in names}
    for t in readings:
        s = summaries[t.speaker]
        s.turns += 1
        s.code_counts.update(t.codes)
        if t.connects:
            s.connecting_turns += 1
        if t.repaired:
            continue
        cycle = [c for c in t.codes if c in _CYCLE]
        if cycle:
            s.cycle_turns += 1
            press = sum(PRESS_WEIGHT[c] for c in cycle) / len(cycle)
            s.pressing += press
            s.retreating += 1.0 - press
        elif t.quiet_weight:
            s.cycle_turns += 1
            s.retreating += t.quiet_weight
        if cycle and t.silence_after:
            # The hours of silence before a coded reply are a retreat of their own.
            s.retreating += t.silence_after
    return summaries


def _in_cycle(s: SpeakerSummary) -> bool:
    return s.cycle_weight >= MIN_CYCLE_WEIGHT and s.cycle_share >= MIN_CYCLE_SHARE


def _pattern(a: SpeakerSummary, b: SpeakerSummary) -> tuple[str, str, str]:
    """Return (pattern, role of a, role of b) from the two partners' summaries."""
    a_in, b_in = _in_cycle(a), _in_cycle(b)
    if not a_in and not b_in:
        return "none", "none", "none"
    if a_in and b_in:
        sa, sb = a.pressing_share, b.pressing_share
        if sa > PRESSING_SHARE and sb > PRESSING_SHARE:
            return "attack-attack", "pursuer", "pursuer"
        if max(sa, sb) < QUIET_PRESSING_SHARE:
            return "withdraw-withdraw", "withdrawer", "withdrawer"
        # One presses more than the other: the protest polka, led by the one who presses.
        if sa > sb or (sa == sb and a.pressing >= b.pressing):
            return "pursue-withdraw", "pursuer", "withdrawer"
        return "pursue-withdraw", "withdrawer", "pursuer"
    # One partner is clearly in the cycle; the other joins the dance only if they answer
    # it with some cycle move of their own (a dance needs two). With so little from the
    # other, both attacking is not claimed.
    active, other = (a, b) if a_in else (b, a)
    if other.cycle_weight < MIN_OTHER_WEIGHT:
        return "none", "none", "none"
    if active.pressing_share >= PRESSING_SHARE:
        active_role, other_role = "pursuer", "withdrawer"
    elif other.pressing_share > PRESSING_SHARE:
        active_role, other_role = "withdrawer", "pursuer"
    else:
        return "withdraw-withdraw", "withdrawer", "withdrawer"
    pattern = "pursue-withdraw"
    return (pattern, active_role, other_role) if active is a else (pattern, other_role, active_role)


#: The codes the first shift speaks with (contract section 3): the connecting codes less
#: `commitment`. A promise alone ("I'll eat in my room", "I'll be late tonight") can be a move
#: in the cycle's logistics; the shift is a feeling, a need, or taking the partner in. Once the
#: couple has shifted, a concrete promise that follows is part of the repair (the labelled
#: conversations mark it so), so later turns may carry any connecting code.
SHIFT_CODES = frozenset(
    ("vulnerable_emotion", "need", "acknowledgment", "responsibility", "reassurance")
)


def _softens(turn: TurnReading, first: bool = False) -> bool:
    """Return True when the turn connects without also feeding the cycle (the first shift:
    with a code of SHIFT_CODES).

    "I'm scared, and you never listen" still blames; a turn counts as a step out of the
    cycle only when it carries no cycle code. On the tuning split this also keeps the
    engine's stray connecting codes inside a fight from passing for a shift.
    """
    if first and not any(c in SHIFT_CODES for c in turn.codes):
        return False
    return turn.connects and not turn.feeds_cycle


def _softening(readings: list[TurnReading], roles: dict[str, str]) -> list[int]:
    """Return the first shift by a partner who was in the cycle and every softening after."""
    started: set[str] = set()
    first = None
    for t in readings:
        if roles.get(t.speaker, "none") != "none" and _softens(t, first=True) and (
            t.speaker in started
        ):
            first = t.index
            break
        if (t.feeds_cycle or t.quiet_weight) and not t.repaired:
            started.add(t.speaker)
    if first is None:
        return []
    return [t.index for t in readings[first:] if _softens(t)]


def _evidence(readings: list[TurnReading], summary: SpeakerSummary) -> list[dict]:
    """Collect what supports a speaker's role: code counts, quotes, silences."""
    wanted = PRESSING_CODES if summary.role == "pursuer" else RETREATING_CODES
    mine = [t for t in readings if t.speaker == summary.speaker and not t.repaired]
    out: list[dict] = []
    for code, _ in summary.code_counts.most_common():
        if code not in wanted:
            continue
        hits = [t.index for t in mine if code in t.codes]
        if hits:
            out.append({"kind": "code", "code": code, "count": len(hits), "turns": hits[:20]})
    quiet = [t for t in mine if t.quiet_weight and not t.feeds_cycle]
    silences = [t for t in mine if t.silence_after]
    if summary.role == "withdrawer" and silences:
        out.append({"kind": "silence", "count": len(silences),
                    "turns": [t.index for t in silences][:20]})
    if summary.role == "withdrawer" and len(quiet) > len(silences):
        out.append({"kind": "quiet", "count": len(quiet) - len(silences),
                    "turns": [t.index for t in quiet if not t.silence_after][:20]})
    examples = [t for t in mine if any(c in wanted for c in t.codes)] or quiet
    for t in examples[:3]:
        out.append({"kind": "quote", "turn": t.index, "text": t.quote,
                    "codes": [c for c in t.codes if c != NEUTRAL]})
    return out


def analyze_readings(readings: list[TurnReading]) -> ConversationAnalysis:
    """Read pattern, roles, softening turns and summaries from coded turns."""
    names: list[str] = []
    for t in readings:
        if t.speaker not in names:
            names.append(t.speaker)
    if not readings or len(names) < 2:
        summaries = _summarise(readings, names)
        roles = {name: "none" for name in names}
        note = "empty" if not readings else "one_speaker"
        return ConversationAnalysis("none", roles, [], readings, summaries, note)
    _mark_quiet(readings)
    _mark_silences(readings)
    _mark_repairs(readings)
    summaries = _summarise(readings, names)
    a, b = summaries[names[0]], summaries[names[1]]
    pattern, role_a, role_b = _pattern(a, b)
    a.role, b.role = role_a, role_b
    roles = {a.speaker: role_a, b.speaker: role_b}
    for s in (a, b):
        s.evidence = _evidence(readings, s) if s.role != "none" else []
    softening = _softening(readings, roles) if pattern != "none" else []
    assert pattern in PATTERNS and role_a in ROLES and role_b in ROLES
    return ConversationAnalysis(pattern, roles, softening, readings, summaries)


def analyze_conversation(
    turns: Iterable,
    engine: str | None = None,
    analyzer: Analyzer | None = None,
    speakers: Sequence[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ConversationAnalysis:
    """Analyse a conversation: each turn's codes, roles with evidence, pattern, softening.

    ``analyzer`` maps a list of texts to objects with ``codes`` (defaults to the language
    engine's ``analyze_many`` with ``engine``). ``turns`` is read lazily, in batches.
    """
    analyzer = analyzer or _default_analyzer(engine)
    return analyze_readings(read_turns(turns, analyzer, speakers, progress))


# --- evaluation on a labelled set (contract section 5) ---------------------------------


def _f1(tp: int, fp: int, fn: int) -> float:
    if tp == 0:
        return 0.0 if (fp or fn) else 1.0
    return 2 * tp / (2 * tp + fp + fn)


def evaluate_conversations(
    path: str | Path,
    engine: str | None = None,
    analyzer: Analyzer | None = None,
) -> dict:
    """Score the analysis on a labelled conversations file (JSON Lines, contract section 5).

    Returns pattern accuracy, role accuracy (over every speaker of every conversation),
    softening-turn F1 (micro, over turn indexes), a pattern confusion table, and the ids
    of conversations whose pattern was missed.
    """
    analyzer = analyzer or _default_analyzer(engine)
    n = pattern_hits = roles_total = role_hits = 0
    tp = fp = fn = 0
    confusion: dict[str, Counter] = {p: Counter() for p in PATTERNS}
    missed: list[dict] = []
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                turns = item["turns"]
                gold_pattern = item["pattern"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}, line {line_no}: not a labelled conversation ({exc})")
            try:
                result = analyze_conversation(turns, analyzer=analyzer)
            except SpeakerError as exc:
                raise ValueError(f"{path}, line {line_no}: {exc}") from exc
            n += 1
            pattern_hits += result.pattern == gold_pattern
            confusion.setdefault(gold_pattern, Counter())[result.pattern] += 1
            if result.pattern != gold_pattern:
                missed.append({"id": item.get("id"), "gold": gold_pattern,
                               "found": result.pattern})
            for speaker, role in item.get("roles", {}).items():
                roles_total += 1
                role_hits += result.roles.get(speaker, "none") == role
            gold_soft = set(item.get("softening_turns", []))
            found_soft = set(result.softening_turns)
            tp += len(gold_soft & found_soft)
            fp += len(found_soft - gold_soft)
            fn += len(gold_soft - found_soft)
    return {
        "conversations": n,
        "pattern_accuracy": round(pattern_hits / n, 4) if n else 0.0,
        "role_accuracy": round(role_hits / roles_total, 4) if roles_total else 0.0,
        "softening_f1": round(_f1(tp, fp, fn), 4),
        "confusion": {gold: dict(found) for gold, found in confusion.items()},
        "missed": missed,
    }
