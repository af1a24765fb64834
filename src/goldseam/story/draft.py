"""Draft a couple's new story from the records they shared, in their own words.

Each chapter draws only on its records: the partners' phrases are quoted, or retold in the third
person when ``adapt.retell`` can do so safely, and joined by sentences from the catalogue. A
chapter without supporting records holds an invitation to write it, never invented content.
Records a partner did not share are dropped before anything else happens.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from goldseam.story.adapt import retell, strip_stem
from goldseam.story.catalogue import catalogue, pick, say
from goldseam.story.records import Partner, StoryRecords, shared_only
from goldseam.story.text import Block, Chapter, Story
from goldseam.trust.change import construct_label
from goldseam.trust.reliability import RECENT_WINDOW, estimate
from goldseam.trust.trends import STEADY_WITHIN

#: Constructs the "where we are" chapter describes for each partner, in this order.
STORY_CONSTRUCTS = ("trust", "safety")
#: Chapter keys, in reading order.
CHAPTERS = ("before", "rupture", "understanding", "repair", "now", "forward")


class _Writer:
    """Pick catalogue sentences for one couple and fill in their names and pronouns."""

    def __init__(self, records: StoryRecords) -> None:
        self.records = records
        self.seed = "|".join(p.name for p in records.partners)
        hurt, other = records.hurt, records.other(records.hurt_id)
        self.base = {
            "hurt": hurt.name, "other": other.name,
            "a": records.partners[0].name, "b": records.partners[1].name,
            "hsubj": hurt.pronouns[0], "HSubj": _cap(hurt.pronouns[0]), "hobj": hurt.pronouns[1],
        }

    def pick(self, key: str, person: Partner | None = None, nth: int = 0,
             **fields: object) -> str:
        # ``nth`` varies the choice between repeated uses of one slot in the same story.
        values = {**self.base, **_person_fields(person), **fields}
        return pick(key, f"{self.seed}#{nth}" if nth else self.seed, **values)

    def say(self, key: str, person: Partner | None = None, **fields: object) -> str:
        return say(key, **{**self.base, **_person_fields(person), **fields})


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _person_fields(person: Partner | None) -> dict[str, str]:
    if person is None:
        return {}
    subj, obj, poss = person.pronouns
    plural = subj.lower() == "they"
    # A sentence opening with "They" reads as the couple, so a neutral partner is named there.
    return {"name": person.name, "subj": subj, "Subj": person.name if plural else _cap(subj),
            "obj": obj, "poss": poss, "has": "have" if plural else "has"}


def _count(n: int) -> str:
    words = catalogue()["numbers"]["cardinal"]
    return words[n] if 0 <= n < len(words) else str(n)


def _ordinal(n: int) -> str:
    words = catalogue()["numbers"]["ordinal"]
    return words[n] if 0 < n < len(words) else f"{n}th"


def _quoted(texts: Iterable[str]) -> str:
    quoted = [f"\u201c{' '.join(t.split()).rstrip('.')}\u201d" for t in texts]
    return _listed(quoted)


def _listed(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    # An item with its own comma needs the serial comma, or the last two items run together.
    joiner = ", and " if any("," in item for item in items) else " and "
    return ", ".join(items[:-1]) + joiner + items[-1]


def _text(sentences: Iterable[str]) -> Block:
    return Block("text", " ".join(s for s in sentences if s))


def _before(r: StoryRecords, w: _Writer) -> list[Block]:
    blocks = []
    if r.years_together is not None and r.years_together >= 1:
        key = "before.year_one" if r.years_together == 1 else "before.years"
        blocks.append(_text([w.pick(key, years=_count(r.years_together))]))
    if r.memories:
        blocks.append(_text([w.pick("before.memories_intro")]))
        blocks.extend(Block("quote", m.text, r.partner(m.author_id).name) for m in r.memories)
    else:
        blocks.append(Block("invitation", w.pick("before.invite")))
    return blocks


def _rupture(r: StoryRecords, w: _Writer) -> list[Block]:
    blocks: list[Block] = []
    for injury in (i for i in r.injuries if i.author_id == r.hurt_id):
        if injury.happened.strip():
            blocks.append(_text([w.pick("rupture.opening")]))
            blocks.append(Block("quote", injury.happened.strip(), r.hurt.name))
            intro = "rupture.impact"
        else:
            intro = "rupture.impact_only"
        if injury.impact.strip():
            blocks.append(_text([w.pick(intro)]))
            blocks.append(Block("quote", injury.impact.strip(), r.hurt.name))
    if blocks:
        blocks.append(_text([w.pick("rupture.naming")]))
    return blocks


def _account_sentences(r: StoryRecords, w: _Writer, speaker: Partner, first: bool) -> list[str]:
    account = next(a for a in r.cycle_accounts if a.author_id == speaker.id)
    other = r.other(speaker.id)
    sentences = [] if first else [w.pick("understanding.second_intro", speaker)]
    if account.did.strip():
        did = retell(strip_stem(account.did, "did")[0], speaker, other, lead_with_name=True)
        if did is None:
            sentences.append(w.pick("understanding.did_quoted", speaker, did=account.did.strip()))
        else:
            key = "understanding.did" if first else "understanding.did_second"
            sentences.append(w.pick(key, speaker, did=_cap(did) if not first else did))
    if account.felt.strip():
        felt = retell(strip_stem(account.felt, "felt")[0], speaker, other)
        if felt is None:
            sentences.append(w.say("understanding.felt_quoted", speaker, felt=account.felt.strip()))
        else:
            sentences.append(w.pick("understanding.felt", speaker, felt=felt))
    feared = _clause(account.feared, "feared", speaker, other)
    longed = _clause(account.longed, "longed", speaker, other)
    fear_text = w.say("understanding.feared", speaker, feared=_that(feared)) if feared else ""
    long_text = w.say("understanding.longed", speaker, longed=longed) if longed else ""
    if fear_text and long_text:
        sentences.append(w.say("understanding.feared_and_longed", feared=fear_text, longed=long_text))
    elif fear_text or long_text:
        sentences.append(_cap(fear_text or long_text) + ".")
    return sentences


def _clause(text: str, step: str, speaker: Partner, other: Partner) -> str | None:
    if not text.strip():
        return None
    retold = retell(strip_stem(text, step)[0], speaker, other)
    # A phrase the adapter cannot retell is quoted whole rather than bent into a clause.
    return retold if retold is not None else f"\u201c{' '.join(text.split()).rstrip('.')}\u201d"


def _that(clause: str) -> str:
    # "feared losing Emma" reads well without "that"; "feared that she was losing Emma" needs it.
    first = clause.split(" ", 1)[0].lower()
    gerund = first.endswith("ing") and first not in _NOT_GERUNDS
    return clause if gerund or clause.startswith("\u201c") else f"that {clause}"


_NOT_GERUNDS = frozenset({"anything", "something", "nothing", "everything", "thing", "king"})


def _understanding(r: StoryRecords, w: _Writer) -> list[Block]:
    blocks: list[Block] = []
    for pattern in r.cycle_patterns:
        key = pattern.pattern if pattern.pattern in catalogue()["understanding"]["pattern"] else "none"
        if pattern.text.strip():
            blocks.append(_text([w.pick("understanding.intro")]))
            blocks.append(Block("quote", pattern.text.strip()))
            blocks.append(_text([w.pick(f"understanding.pattern.{key}")]))
        else:
            # Only the pattern's name is known: the partners' accounts below tell the rest.
            blocks.append(_text([w.pick("understanding.intro_plain"),
                                 w.pick(f"understanding.pattern.{key}")]))
    authors = {a.author_id for a in r.cycle_accounts}
    speakers = [p for p in (r.hurt, r.other(r.hurt_id)) if p.id in authors]
    for index, speaker in enumerate(speakers):
        blocks.append(_text(_account_sentences(r, w, speaker, first=index == 0)))
    return blocks


def _acknowledgment_blocks(r: StoryRecords, w: _Writer) -> list[Block]:
    other = r.other(r.hurt_id)
    rounds = sorted((a for a in r.acknowledgments if a.author_id == other.id), key=lambda a: a.round)
    if not rounds:
        return []
    answers = sorted((h for h in r.heard_answers if h.author_id == r.hurt_id), key=lambda h: h.round)
    heard = next((h.round for h in answers if h.felt_heard), None)
    if heard is None:
        blocks = [_text([w.pick("repair.ack_ongoing")]), Block("quote", rounds[-1].text, other.name)]
        if answers:
            blocks.append(_text([w.say("repair.not_yet")]))
        return blocks
    final = next((a for a in rounds if a.round == heard), rounds[-1])
    if heard <= 1:
        return [_text([w.pick("repair.ack_once")]), Block("quote", final.text, other.name),
                _text([w.pick("repair.heard")])]
    sentences = [w.pick("repair.ack_rounds", rounds=_count(heard))]
    sentences += [w.pick("repair.question", question=h.question.strip())
                  for h in answers if h.round < heard and h.question.strip()]
    sentences.append(w.pick("repair.ack_final", ordinal=_ordinal(heard)))
    return [_text(sentences), Block("quote", final.text, other.name),
            _text([w.pick("repair.heard")])]


def _needs_blocks(r: StoryRecords, w: _Writer) -> list[Block]:
    sentences = []
    for person in (r.hurt, r.other(r.hurt_id)):
        needs = [n.text for n in r.needs if n.author_id == person.id and n.text.strip()]
        if needs:
            sentences.append(w.pick("repair.needs", person, needs=_quoted(needs)))
            answers = [x.text for x in r.responses
                       if x.author_id != person.id and x.text.strip()]
            if answers:
                answerer = r.other(person.id)
                sentences.append(w.pick("repair.responses", answerer, responses=_quoted(answers)))
    return [_text(sentences)] if sentences else []


def _kept_sentence(r: StoryRecords, w: _Writer, owner: Partner, outcomes: tuple) -> str:
    confirmer = r.other(owner.id).name
    if not outcomes:
        return w.say("repair.kept_none")
    est = estimate(outcomes, r.today)
    if est.too_early:
        return w.say("repair.kept_early", kept=est.kept, total=est.total)
    if est.kept == est.total:
        return w.say("repair.kept_all", owner, confirmer=confirmer, total=_count(est.total))
    if est.total > RECENT_WINDOW:
        key = "repair.kept_recent_all" if est.recent_kept == est.recent_total else "repair.kept_recent"
        return w.say(key, owner, confirmer=confirmer, kept=est.kept, total=est.total,
                     recent_kept=est.recent_kept, recent_total=_count(est.recent_total))
    return w.say("repair.kept_some", owner, confirmer=confirmer, kept=est.kept, total=est.total)


def _repair(r: StoryRecords, w: _Writer) -> list[Block]:
    blocks = _acknowledgment_blocks(r, w) + _needs_blocks(r, w)
    if r.commitments:
        sentences = [w.pick("repair.commitments_intro")]
        previous = None
        for index, c in enumerate(r.commitments):
            owner = r.partner(c.owner_id)
            key = "repair.commitment_again" if owner == previous else "repair.commitment"
            sentences.append(w.pick(key, owner, nth=index, text=" ".join(c.text.split())))
            previous = owner
            sentences.append(_kept_sentence(r, w, owner, c.outcomes))
        blocks.append(_text(sentences))
    return blocks


def _times(n: int) -> str:
    return say("now.times_one") if n == 1 else say("now.times", count=_count(n))


def _moved(w: _Writer, points: list[tuple[date, float]]) -> str:
    first, last = points[0][1], points[-1][1]
    if len(points) < 2 or abs(last - first) < STEADY_WITHIN:
        return w.say("now.steady", last=f"{last:.1f}")
    return w.say("now.rose" if last > first else "now.fell", first=f"{first:.1f}", last=f"{last:.1f}")


def _trend_sentences(r: StoryRecords, w: _Writer) -> list[str]:
    sentences = []
    for construct in STORY_CONSTRUCTS:
        clauses = []
        for person in (r.hurt, r.other(r.hurt_id)):
            points = sorted(p for t in r.trends if t.person_id == person.id
                            and t.construct == construct for p in t.points)
            if points:
                key = "now.trend_second" if clauses else (
                    "now.trend_first" if sentences else "now.trend_scale")
                clauses.append(w.say(key, person, construct=construct_label(construct),
                                     moved=_moved(w, points)))
        if clauses:
            sentences.append("; ".join(clauses) + ".")
    days = sorted(d for t in r.trends for d, _ in t.points)
    if sentences:
        count = max(len(t.points) for t in r.trends)
        since = f"{days[0]:%B} {days[0].year}"
        sentences.insert(0, w.pick("now.checked_in", count=_count(count), since=since))
    return sentences


def _now(r: StoryRecords, w: _Writer) -> list[Block]:
    sentences = _trend_sentences(r, w)
    done = [x for x in r.rituals if x.done > 0]
    if done:
        items = [say("now.ritual", name=_ritual_name(x.name), done=_times(x.done)) for x in done]
        sentences.append(w.pick("now.rituals", rituals=_listed(items)))
    return [_text(sentences)] if sentences else []


#: Articles a ritual's name may open with; the story puts "our" in their place.
_ARTICLES = frozenset({"a", "an", "the", "our"})


def _ritual_name(text: str) -> str:
    """Return a ritual's name ready to follow "our": "A ten-minute talk" -> "ten-minute talk".

    Only a capital at the start of an ordinary word is lowered; "I", names and "Sunday" keep
    theirs because the rest of such a word is not all lower-case or it is a known capital.
    """
    words = " ".join(text.split()).rstrip(".").split(" ")
    if len(words) > 1 and words[0].lower() in _ARTICLES:
        words = words[1:]
    first = words[0]
    if first[:1].isupper() and first[1:].islower() and first not in _KEEP_CAPITAL:
        words[0] = first.lower()
    return " ".join(words)


#: Words that keep their capital at the start of a ritual's name.
_KEEP_CAPITAL = frozenset({"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                           "Saturday", "I"})


def _forward(r: StoryRecords, w: _Writer) -> list[Block]:
    sentences = []
    for owner in r.partners:
        texts = [c.text for c in r.commitments if c.owner_id == owner.id and not c.retired]
        if texts:
            sentences.append(w.say("forward.commitment", owner, texts=_quoted(texts)))
    if r.rituals:
        names = _listed([f"our {_ritual_name(x.name)}" for x in r.rituals])
        sentences.append(w.say("forward.rituals", rituals=names))
    if not sentences:
        return []
    return [_text([w.pick("forward.intro"), *sentences]), _text([w.pick("forward.closing")])]


_BUILDERS: dict[str, Callable[[StoryRecords, _Writer], list[Block]]] = {
    "before": _before, "rupture": _rupture, "understanding": _understanding,
    "repair": _repair, "now": _now, "forward": _forward,
}


def draft_story(records: StoryRecords) -> Story:
    """Return the drafted story for ``records``, using only the records their authors shared."""
    shared = shared_only(records)
    writer = _Writer(shared)
    chapters = []
    for key in CHAPTERS:
        blocks = _BUILDERS[key](shared, writer)
        if not blocks:
            blocks = [Block("invitation", writer.pick(f"{key}.invite"))]
        chapters.append(Chapter(key, say(f"chapters.{key}"), tuple(blocks)))
    return Story(writer.pick("story.title"), tuple(chapters))
