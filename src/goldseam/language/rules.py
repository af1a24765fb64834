"""The rules layer: read codes, emotions and safety flags with linguistic patterns.

Patterns and lexicons live in goldseam/language/data (patterns.toml, emotions.toml,
safety.toml); this module applies them sentence by sentence on the normalised text and
resolves the contract's hard cases (a vulnerable sentence that mentions "you", an apology
followed by an excuse, a time-out with a return, negation, reported speech).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from goldseam.language.lexicon import CodeRules, code_rules, emotion_scanner
from goldseam.language.normalize import Normalized, normalize
from goldseam.language.types import CODES, NEUTRAL, Emotion, Span

#: Codes whose trigger is cancelled by a negation just before it ("I'm not blaming you",
#: "I don't love you any more" is no reassurance).
NEGATABLE = frozenset(
    {"blame", "contempt", "reassurance", "acknowledgment", "need", "commitment", "responsibility"}
)
#: How many words before a trigger are searched for a negation.
NEGATION_WINDOW = 3
_NEGATORS = frozenset(
    [
        "not", "never", "no", "don't", "didn't", "won't", "can't", "isn't", "wasn't",
        "doesn't", "aren't", "haven't", "hasn't", "wouldn't", "shouldn't", "couldn't",
        "hardly", "nobody", "neither", "nor"
    ]
)
_LETTER = re.compile(r"[^\W\d_]")
_UPPER = re.compile(r"[A-Z\u00c0-\u00de]")
_SENTENCE = re.compile(r"[^.!?\n]*[.!?]+|[^.!?\n]+")
_WORD = re.compile(r"[a-z']+")
#: Subject-like pronouns that say whose feeling follows; object pronouns of third persons
#: ("what you wrote to him hurts") do not change the owner.
_PRONOUN = re.compile(
    r"\b(i|i'm|i've|i'd|i'll|me|my|myself|we|we're|we've|us|our|"
    r"you|you're|you've|you'd|you'll|your|yourself|he|she|they|he's|she's|they're|someone)\b"
)
#: Verbs of doing that share a form with an emotion word ("I hurt you", "you abandoned her").
_AGENTIVE_VERBS = frozenset(
    [
        "hurt", "abandoned", "rejected", "betrayed", "ignored", "humiliated",
        "deceived", "replaced", "used", "dumped", "embarrassed", "shamed", "played"
    ]
)
#: Forms whose experiencer is the speaker whatever precedes them ("what you did hurts",
#: "you're revolting": the disgust is the speaker's).
_ALWAYS_SPEAKER = re.compile(r"^(?:hurts|stings|aches|revolting|repulsive|vile)$|\bme\b")
#: Frames that reflect the partner's feeling back ("I can hear how badly that stung").
_PARTNER_FRAME = re.compile(
    r"\b(?:(?:hear|see|understand|imagine|know|get) (?:how|why|that)|sounds?|must (?:have )?"
    r"(?:been|be|felt|feel)?|is someone|are you|were you|imagine the|(?:i'm|i am) hearing|"
    r"what i hear|makes sense (?:that|why|you)|no wonder|of course you|sorry (?:that |if )?"
    r"(?:it|this|that|my \w+|the \w+))\b[^,;]*$"
)
#: A feeling the speaker only supposes in the partner's place: "I'd be scared too", "anyone
#: would be furious", "I'd feel the same if I were you".
_HYPOTHETICAL_BEFORE = re.compile(
    r"\b(?:i'd|i would|anyone would|anybody would|who wouldn't|everyone would)\s+"
    r"(?:be|feel|have been|have felt)\s+(?:\w+\s+)?$"
)
_HYPOTHETICAL_AFTER = re.compile(
    r"^\W*(?:too|as well|if i (?:were|was) you|in your (?:shoes|place))\b"
)
#: The partner's verdict on the speaker, not a feeling the speaker discloses: "you've decided
#: I'm guilty", "you think I'm stupid", "you treat me like an idiot".
_VERDICT = re.compile(
    r"\byou(?:'ve| have)?\s+(?:\w+\s+)?(?:think|thinks|thought|decided|assume|assumed|believe|"
    r"treat|treated|treating|act as if|talk to me like)\s+(?:i'm|i am|i was|me as|me like|"
    r"me|i)(?:\s+[\w'-]+){1,4}\W*$"
)
#: A feeling put on for show: "acts wounded", "pretending to be scared".
_PRETENCE = re.compile(r"\b(?:acts?|acting|acted|pretend(?:s|ing|ed)?(?: to be)?)\s+$")
#: An order to the partner: "stop crying", "please quit sulking" ("don't be scared" is already
#: dropped as negated).
_IMPERATIVE_BEFORE = re.compile(r"(?:^|[,;]\s*|\bplease\s+)(?:stop|quit)\s+$")
_SPEAKER = frozenset([
    "i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself", "we", "we're", "we've", "us",
    "our"
])
#: Emotion words that are verbs of doing when an object follows ("I hurt you").
_AGENTIVE_OBJECT = re.compile(r"\s+(?:you|her|him|them|us|your|everyone|people)\b")
_BLAME_FRAME = re.compile(
    r"\byou\s+(?:\w+\s+)?(?:made|make|makes|'re making|are making)\s+me\b|"
    r"\b(?:feel|felt|feels|think) (?:like|that|as if) (?:you|you're|your)\b"
)
#: Words that join a disclosed feeling to the event it is about ("I felt alone WHEN you...").
#: Words that open an event clause placed before the feeling ("the night Mum died and you...").
_EVENT_LEAD = re.compile(r"\b(?:when|while|whenever|after|since|the (?:night|day|moment|time))\b")
_ULTIMATUM = re.compile(r"\b(?:or|or else|otherwise|if you (?:don't|won't|do not))\b")
_DISCLOSURE_LINK = re.compile(r"\b(?:when|that|because|since|after|if|how|whenever|every time)\b")


@dataclass
class Sentence:
    """One sentence of the normalised text: its text and where it starts in it."""

    text: str
    start: int


@dataclass
class EmotionHit:
    """An emotion word found in a sentence, with whom it belongs to."""

    emotion: Emotion
    start: int
    end: int
    speaker: bool
    owned: bool  # disclosed in the first person, not put on the partner's doing


@dataclass
class RuleResult:
    """What the rules layer reads in one message, before any statistical mixing."""

    norm: Normalized
    codes: list[str]
    spans: list[Span]
    emotions: list[Emotion]
    safety: list[str]
    hits: dict[str, int] = field(default_factory=dict)
    blocked: set[str] = field(default_factory=set)
    features: dict[str, float] = field(default_factory=dict)


def split_sentences(text: str) -> list[Sentence]:
    """Split normalised text into sentences, each with its start offset."""
    out = []
    for m in _SENTENCE.finditer(text):
        raw = m.group()
        stripped = raw.lstrip()
        if stripped.strip():
            out.append(Sentence(stripped.rstrip(), m.start() + len(raw) - len(stripped)))
    return out


#: Where a negation stops: punctuation, "but", or a conjunction that opens a new clause with
#: its own subject ("I don't know how to fix this AND I feel helpless").
_CLAUSE_BREAK = re.compile(
    r"[,;:]|\bbut\b|\b(?:and|so|because|cause|then)\b(?= (?:i|i'm|i've|it|that|this)\b)"
)
#: Negations that affirm the feeling after them: "hard not to feel", "can't help feeling",
#: "can't stop feeling", "I've never felt so alone", "never been this insecure".
_AFFIRMING_NEGATION = re.compile(
    r"\bhard (?:for me )?not to\b|\bcan(?:'t|not) (?:help|stop)\b|"
    r"\bnever (?:\w+ )?(?:felt|been|was|feel) (?:so|this|that|as|more)\b"
)


def _negated(before: str, word: str = "") -> bool:
    # A negation does not reach across a clause boundary ("I'm not angry, I'm hurt").
    clause = _CLAUSE_BREAK.split(before)[-1]
    # The matched words may hold the rest of an affirming negation ("never [felt so alone]").
    if _AFFIRMING_NEGATION.search(f"{clause}{word}"):
        return False
    words = _WORD.findall(clause)[-NEGATION_WINDOW:]
    return any(w in _NEGATORS or w.endswith("n't") for w in words)


#: A feeling verb with no subject of its own ("I watched you drink AND FELT helpless"): its
#: subject is the clause's first one, not the last pronoun before it.
_SUBJECTLESS_FEELING = re.compile(
    r"\b(?:and|then|but|just|only) (?:(?!(?:i|we|you|he|she|they)\b)\w+ )?"
    r"(?:felt|feel|feeling|got|went)\s+(?:\w+\s+)?$"
)


def _owner_is_speaker(before: str) -> bool:
    pronouns = _PRONOUN.findall(before[-60:])
    if pronouns and _SUBJECTLESS_FEELING.search(before):
        first = _PRONOUN.findall(before)
        return first[0] in _SPEAKER
    return not pronouns or pronouns[-1] in _SPEAKER


#: A first-person subject after a partner frame ends it: "I don't know how to fix this and I
#: feel helpless" discloses the speaker's feeling; "I know how scared you were" reflects theirs.
_OWN_SUBJECT = re.compile(r"\b(?:i|i'm|i've|i was|i am)\b")
#: "The hurt I caused", "if I scared you": the speaker's act, not a feeling they disclose.
_CAUSED_AFTER = re.compile(
    r"^\s+(?:that\s+)?(?:i|i've|i have|my \w+|this|it)\s+(?:\w+\s+){0,2}?(?:caused|brought|put)\b"
)
_CAUSING_VERBS = frozenset(["scared", "frightened", "upset"])


def find_emotions(sentences: list[Sentence]) -> list[EmotionHit]:
    """Return the emotion words of each sentence with their owner, in text order."""
    hits: list[EmotionHit] = []
    scanner, groups = emotion_scanner()
    for sent in sentences:
        for m in scanner.finditer(sent.text):
            rule = groups[m.lastgroup or ""]
            before = sent.text[: m.start()]
            after = sent.text[m.end():]
            word = m.group()
            negative_word = any(n in word for n in ("n't", "not ", "never", "no longer"))
            if not negative_word and _negated(before, word):
                continue
            if word in _AGENTIVE_VERBS and _AGENTIVE_OBJECT.match(after):
                continue  # "I hurt you": an act, not a feeling named
            if _CAUSED_AFTER.match(after) or (
                word in _CAUSING_VERBS and re.search(r"\bi\s+$", before)
                and _AGENTIVE_OBJECT.match(after)
            ):
                continue  # "the hurt I caused", "if I scared you"
            frame = _PARTNER_FRAME.search(before)
            if frame and not _OWN_SUBJECT.search(before, frame.start() + 1):
                continue  # "I can see how scared you were": the partner's feeling reflected
            supposed = _HYPOTHETICAL_BEFORE.search(before)
            if supposed and (
                not supposed.group().startswith(("i'd", "i would"))
                or _HYPOTHETICAL_AFTER.match(after)
            ):
                continue  # "I'd be scared too", "anyone would be": the partner's place imagined
            if (
                _VERDICT.search(before + word)
                or _IMPERATIVE_BEFORE.search(before)
                or _PRETENCE.search(before)
            ):
                continue  # "you think I'm stupid", "stop crying", "acts wounded": not felt
            speaker = (
                _owner_is_speaker(before)
                or bool(_ALWAYS_SPEAKER.search(word))
                or (word in _AGENTIVE_VERBS and after.startswith(" me"))
            )
            owned = speaker and not _BLAME_FRAME.search(before)
            emotion = Emotion(rule.name, rule.kind)
            hits.append(
                EmotionHit(emotion, sent.start + m.start(), sent.start + m.end(), speaker, owned)
            )
    hits.sort(key=lambda h: h.start)
    return hits


def _code_matches(
    sent: Sentence, code: str, rules: CodeRules, blocked: set[str] | None = None
) -> list[tuple[int, int]]:
    """Return the spans (relative to the sentence) where ``code``'s rules fire; a code whose
    trigger matched but was cancelled by a blocker (reported speech, praise, "I'm not blaming
    you") is added to ``blocked``."""
    matches = list(rules.patterns.finditer(sent.text)) if rules.patterns is not None else []
    if rules.anchored is not None:
        first = rules.anchored.match(sent.text)
        if first is not None:
            matches.insert(0, first)
    # Blockers matter only when something matched; most sentences match nothing.
    if not matches:
        return []
    if rules.blockers is not None and rules.blockers.search(sent.text):
        if blocked is not None:
            blocked.add(code)
        return []
    found = []
    for m in matches:
        if m.end() == m.start() and (sent.text.strip(" .") or code != "withdrawal"):
            continue
        if code in NEGATABLE and _negated(sent.text[: m.start()]):
            continue
        found.append((m.start(), max(m.end(), m.start() + 1)))
    return found


def _inside_disclosure(sent: Sentence, start: int, hits: list[EmotionHit]) -> bool:
    """Tell whether a trigger at ``start`` lies in the event clause of an owned feeling:
    "I felt alone WHEN you left", or "WHEN you left, I felt alone"."""
    for hit in hits:
        rel = hit.start - sent.start
        if not (hit.owned and hit.emotion.kind == "primary") or not 0 <= rel < len(sent.text):
            continue
        if rel < start and _DISCLOSURE_LINK.search(sent.text[rel:start]):
            return True
        if rel > start and _EVENT_LEAD.search(sent.text[:start]):
            return True
    return False


def find_safety(norm: Normalized) -> tuple[list[str], list[Span]]:
    """Return the safety flags of a normalised message and the spans that raised them."""
    from goldseam.language.safety import find_safety as _find_safety

    return _find_safety(norm)


def analyze_rules(text: str) -> RuleResult:
    """Read codes, spans, emotions and safety flags of ``text`` with the rules alone."""
    norm = normalize(text)
    sentences = split_sentences(norm.text)
    hits = find_emotions(sentences)
    found: dict[str, list[tuple[int, int]]] = {}
    compiled = code_rules()
    blocked: set[str] = set()
    for sent in sentences:
        sentence_hits = {
            code: _code_matches(sent, code, rules, blocked) for code, rules in compiled.items()
        }
        sentence_hits["blame"] = [
            m for m in sentence_hits["blame"] if not _inside_disclosure(sent, m[0], hits)
        ]
        if sentence_hits["reassurance"] or sentence_hits["commitment"]:
            # "You've always been enough", "I'll tell you every time": not a charge.
            sentence_hits["blame"] = []
        # A counter-complaint ("I only did it because you never listen") defends.
        counter = re.search(r"\b(?:because|cause|since) you\b", sent.text)
        if sentence_hits["defensiveness"] and sentence_hits["blame"] and counter:
            sentence_hits["blame"] = []
        if sentence_hits["defensiveness"]:
            # An admission followed by an excuse in the same breath is a defence.
            sentence_hits["responsibility"] = []
        if sentence_hits["acknowledgment"] and sentence_hits["blame"]:
            # "I get why you flinch every time": the partner's reaction, reflected back.
            first = min(a for a, _ in sentence_hits["acknowledgment"])
            sentence_hits["blame"] = [m for m in sentence_hits["blame"] if m[0] < first]
        if sentence_hits["pursuit"] and _ULTIMATUM.search(sent.text):
            # "Block him tonight or I'm staying at my mum's": leaving as a threat presses.
            sentence_hits["withdrawal"] = []
        if sentence_hits["pursuit"] or sentence_hits["withdrawal"]:
            # "I want to see your call log. Now." presses; "I need to be on my own" retreats.
            sentence_hits["need"] = []
        if sentence_hits["empty_apology"]:
            # One apology cannot be both: an excuse or condition empties it.
            sentence_hits["responsibility"] = []
            sentence_hits["defensiveness"] = [
                m for m in sentence_hits["defensiveness"] if "sorry" not in sent.text[: m[0]]
            ]
        for code, matches in sentence_hits.items():
            for a, b in matches:
                found.setdefault(code, []).append((sent.start + a, sent.start + b))
    for hit in hits:
        if hit.owned and hit.emotion.kind == "primary":
            found.setdefault("vulnerable_emotion", []).append((hit.start, hit.end))
    codes = [code for code in CODES if found.get(code)]
    if not codes:
        codes = [NEUTRAL]
    spans = [
        Span(code, *norm.span(a, b))
        for code in CODES
        for a, b in sorted(set(found.get(code, [])))
    ]
    emotions: list[Emotion] = []
    for hit in hits:
        if hit.speaker and hit.emotion not in emotions:
            emotions.append(hit.emotion)
    safety, _ = find_safety(norm)
    result = RuleResult(norm, codes, spans, emotions, safety)
    result.hits = {code: len(found.get(code, [])) for code in CODES if code != NEUTRAL}
    result.blocked = blocked
    result.features = _features(norm, sentences, hits, result)
    return result


def _features(
    norm: Normalized, sentences: list[Sentence], hits: list[EmotionHit], result: RuleResult
) -> dict[str, float]:
    """Return the rule features handed to the statistical layer."""
    letters = _LETTER.findall(norm.original)
    upper = len(_UPPER.findall(norm.original))
    feats = {f"rule:{code}": min(n, 3) / 3 for code, n in result.hits.items()}
    feats["rule:none"] = float(not any(result.hits.values()))
    # A trigger someone else said, or one the speaker denies, still carries its words into the
    # n-grams; this lets the model learn to discount them ("she said you always...").
    feats.update({f"blocked:{code}": 1.0 for code in result.blocked})
    feats["emo:primary_owned"] = float(any(h.owned and h.emotion.kind == "primary" for h in hits))
    feats["emo:secondary"] = float(any(h.speaker and h.emotion.kind == "secondary" for h in hits))
    feats["emo:partner"] = float(any(not h.speaker for h in hits))
    feats["shape:question"] = min(norm.text.count("?"), 3) / 3
    feats["shape:exclaim"] = min(norm.text.count("!"), 3) / 3
    feats["shape:caps"] = float(len(letters) >= 4 and upper / len(letters) > 0.6)
    feats["shape:sentences"] = min(len(sentences), 5) / 5
    feats["shape:short"] = float(len(norm.text) < 20)
    return feats
