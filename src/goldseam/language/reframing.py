"""Offer gentler words for a message that feeds the cycle: "I felt ... when ... I need ...".

Each suggestion keeps this message's event (the clause it is about, turned into a "when"
clause with its pronouns and tense adjusted), names a primary emotion and a need chosen from
data/reframes.toml, and is kept only when the engine's own analysis finds no cycle-feeding
code in it.
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from functools import lru_cache

from goldseam.language.lexicon import read_data
from goldseam.language.types import CYCLE_CODES, Analysis

MAX_SUGGESTIONS = 3
#: The contract's primary emotions (section 2): a reframe names one of these.
PRIMARY_WORDS = [
    "hurt", "sad", "scared", "afraid", "alone", "lonely", "abandoned", "rejected",
    "replaceable", "unimportant", "unwanted", "invisible", "ashamed", "guilty", "helpless",
    "unsafe", "insecure", "heartbroken", "lost", "worthless", "betrayed", "confused",
    "anxious"
]
#: The contract's secondary emotions and a few common forms, to recognise a feeling the
#: message names in the partner ("you're so upset").
SECONDARY_WORDS = frozenset([
    "angry", "furious", "mad", "frustrated", "annoyed", "irritated", "disgusted", "resentful",
    "numb", "livid", "fuming", "raging", "pissed", "cross", "upset",
])
STOPWORDS = frozenset(
    [
        "the", "and", "but", "you", "your", "you're", "you've", "you'd", "you'll",
        "yours", "she", "her", "hers", "him", "his", "they", "them", "their", "this",
        "that", "these", "those", "with", "was", "were", "have", "has", "had", "for",
        "not", "are", "from", "what", "when", "why", "who", "how", "all", "any", "can",
        "could", "would", "should", "will", "just", "about", "been", "being", "did",
        "does", "doing", "don't", "didn't", "i'm", "i've", "it's", "that's", "there",
        "then", "than", "into", "out", "again", "ever", "never", "always", "really",
        "very", "more", "most", "some", "such", "only", "own", "same", "too", "now",
        "here", "where", "which", "while", "our", "ours", "its", "let's", "get", "got",
        "one", "also", "even", "still", "much", "many", "like", "know", "think", "felt",
        "feel", "need", "want", "said", "tell", "told", "yeah", "okay", "well", "right",
        "sure", "oh", "wow", "honestly", "seriously", "literally", "because", "cause",
        "whatever", "fine", "done", "sorry", "already", "more", "want", "nothing",
        "something", "anything", "everything", "thing", "things", "way", "time"
    ]
)
_FILLER = re.compile(
    r"^(?:(?:oh|ah|well|so|honestly|seriously|look|listen|ok|okay|wow|yeah|right|like|and|but|"
    r"god|jesus|ugh|babe|baby|hey|sorry|no|yes)[,!.]*\s+)+"
)
_ALWAYS = re.compile(r"\b(?:always|constantly|every single time|all the time|literally|just)\s+")
IRREGULAR_PAST = {
    "tell": "told", "go": "went", "do": "did", "say": "said", "keep": "kept", "hide": "hid",
    "choose": "chose", "leave": "left", "make": "made", "put": "put", "spend": "spent",
    "take": "took", "give": "gave", "see": "saw", "meet": "met", "lie": "lied", "think": "thought",
    "buy": "bought", "sleep": "slept", "get": "got", "send": "sent", "come": "came", "run": "ran",
    "forget": "forgot", "break": "broke", "let": "let", "have": "had", "bring": "brought",
    "sit": "sat", "stand": "stood", "feel": "felt", "find": "found", "lose": "lost",
    "pay": "paid", "speak": "spoke", "write": "wrote", "drink": "drank", "bet": "bet",
    "be": "were", "is": "was", "are": "were", "am": "was", "hit": "hit", "read": "read",
    "win": "won", "sell": "sold", "hear": "heard", "hold": "held", "begin": "began",
}
_PAST_TO_BASE = {v: k for k, v in IRREGULAR_PAST.items()}
_PAST_HINT = re.compile(r"^you (?:\w+ed|were|had|'d|went|said|told|kept|hid|chose|left|made|"
                        r"spent|took|gave|saw|met|lied|slept|got|sent|came|forgot|broke|did|"
                        r"never once|didn't|bought|drank|thought|brought|let|put)\b")


_PAST = re.compile(r"\b(?:realised|didn't|were|was|had|\w+ed|told|went|said|saw|left|kept|hid)\b")
#: Words of insult and mockery that a reframe must never repeat.
INSULTS = frozenset(
    [
        "pathetic", "disgusting", "joke", "idiot", "loser", "moron", "clown", "child",
        "baby", "waste", "embarrassment", "failure", "snake", "coward", "pig", "bitch",
        "bastard", "dick", "prick", "asshole", "arsehole", "psycho", "crazy", "nuts",
        "insane", "useless", "worthless", "spineless", "punchline", "disgrace", "creep",
        "weirdo", "freak", "fool", "liar", "cheat", "cheater", "stupid", "dumb",
        "genius", "einstein", "sherlock", "saint", "hero", "princess", "victim",
        "selfish", "heartless", "cruel", "narcissist", "hypocrite", "fraud", "trash",
        "rubbish", "garbage", "laughable", "ridiculous", "whatever", "mature", "nice",
        "job"
    ]
)


#: What a retreat or a defence says about the talk itself ("why do you keep bringing this
#: up", "I'm done arguing"), as the event of a reframe. Only verbs of talking that both
#: partners share ("we keep arguing"), each with what must follow it: a bare gerund
#: ("you're blowing this out of proportion", "stop apologising", "I'm bringing the kids")
#: made "we keep blowing about this" or turned who did what around.
_TALK_EVENTS = (
    (re.compile(r"\b(talking|arguing|fighting|bickering)(?= (?:about (?:this|it|that)|"
                r"again|any ?more|like this)\b|\s*[.!?,]|\s*$)"),
     "we keep {} about this"),
    (re.compile(r"\b(?:bringing|dragging|digging) (?:this|it|that|all this|all that|"
                r"it all|this all|everything|the past) (?:back )?up\b"), "we keep bringing this up"),
    (re.compile(r"\b(?:discussing|rehashing|repeating|going over|going through) (?:this|it|"
                r"that|all this|the same)\b"), "we keep going over this"),
    (re.compile(r"\bdwelling on (?:this|it|that|the past)\b"), "we keep dwelling on this"),
    (re.compile(r"\b(defending|explaining|justifying) myself\b"), "I keep {} myself"),
    (re.compile(r"\b(?:going|talking) (?:round|around) in circles\b"),
     "we keep going round in circles"),
)

#: Interjections, vocatives and common verbs or adjectives that cannot stand as a topic.
_NOT_TOPICS = frozenset(
    (
        "jeez", "god", "lol", "lmao", "omg", "wow", "mate", "babe", "baby", "hun",
        "honey", "love", "darling", "dear", "sweetheart", "ugh", "hey", "yes", "yeah",
        "nope", "okay", "happy", "sure", "deal", "stop", "leave", "go", "come", "say",
        "says", "said", "tells", "asks", "tell", "ask", "let", "make", "take", "give", "keep",
        "try", "care", "mean",
        "matter", "believe", "understand", "deep", "real", "true", "big", "whole", "sad",
        "funny", "apologise", "apologize", "sorry", "good", "bad", "better", "worse",
        "clever", "hard", "easy", "please", "thanks", "thank", "goodnight", "night",
        "bye", "cant", "wont", "dont", "worst", "wrong", "must", "might", "shall",
        "people", "everyone", "anyone", "someone", "anything", "nothing", "something",
        "everything", "exhausting", "every", "me", "myself", "yourself", "bit", "lot",
    )
)
#: Words that name the third person or the thing a hurt is about; a reframe with no clause to
#: keep can still speak of them ("I think about you and her", "we talk about the money").
_PEOPLE = frozenset(["her", "him", "them", "ex"])
_TOPIC_NOUNS = frozenset(
    [
        "money", "debt", "loan", "card", "account", "savings", "casino", "betting",
        "app", "apps", "phone", "messages", "texts", "emails", "profile", "password",
        "drinking", "affair", "lies", "secret", "secrets", "trip", "hotel", "flat",
        "party"
    ]
)


@lru_cache(maxsize=1)
def _catalogue() -> dict:
    return tomllib.loads(read_data("reframes.toml"))


def past(verb: str) -> str:
    """Return the simple past of an English verb (irregular table, then spelling rules)."""
    if verb in IRREGULAR_PAST:
        return IRREGULAR_PAST[verb]
    if verb.endswith("e"):
        return verb + "d"
    if len(verb) > 2 and verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def _sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[^.!?\n]+[.!?]*", text) if m.group().strip()]


def _clean(clause: str) -> str:
    clause = clause.strip().strip("\"'").rstrip(".!?,;: ").strip()
    clause = re.sub(r"\s+", " ", clause)
    # Lowercase shouted words and the first word so that the clause reads inside a sentence;
    # names keep their capitals ("in September", "Fatima").
    low = re.sub(r"\b[A-Z][A-Z']+\b", lambda m: m.group().lower(), clause)
    low = low[:1].lower() + low[1:]
    low = re.sub(r"\bi\b", "I", low)
    low = re.sub(r"\bi'(m|ve|d|ll)\b", r"I'\1", low)
    low = _FILLER.sub("", low)
    return low


def expand_shorthand(clause: str) -> str:
    """Spell out texting shorthand ("u", "arent") with the normaliser's table, keeping the
    speaker's own words otherwise (no "mum" -> "mom")."""
    from goldseam.language.normalize import _tables

    table = _tables()[0]

    def spell(m: re.Match[str]) -> str:
        word = m.group()
        full = table.get(word.lower())
        if full is None or word.lower() in ("mum", "mam", "okay", "counselor", "apologise"):
            return word
        return full

    from goldseam.language.normalize import _YOURE_NEXT

    clause = re.sub(
        r"\bur (?=(\w+))",
        lambda m: (
            "you're " if m.group(1) in _YOURE_NEXT or m.group(1).endswith("ing") else m.group()
        ),
        clause,
    )
    return re.sub(r"[A-Za-z0-9']+", spell, clause)


#: "... and I'm sick of it", "... and it makes me furious": the speaker's reaction, not the event.
_OWN_REACTION = re.compile(
    r",? \band (?=(?:I'm|I am|I was|it makes me|that makes me|it made me|that made me|"
    r"it's making me)\b|I (?:feel|felt) (?!like|as if|as though|that)\w)"
)


def to_event(clause: str) -> str | None:
    """Turn a blaming or pressing clause into an event: "you were texting her again"."""
    c = _clean(clause)
    c = expand_shorthand(c)
    # Pressure words are not part of the event ("tell me everything, right now").
    c = re.sub(r",?\s*\b(?:right now|now|immediately|this minute|this instant)\b", "", c)
    c = re.sub(r"^(?:I (?:feel|felt|think|thought) (?:like|that|as if|as though) )", "", c)
    c = re.sub(r"^(?:it (?:feels|felt|seems) (?:like|that|as if) )", "", c)
    # "I'm furious that you took the kids": the feeling is named anew; what follows is the event.
    c = re.sub(r"^I(?:'m| am| was| feel| felt) (?:so |really |just )?[a-z]+ "
               r"(?:that|because|when|how) (?=(?:you|she|he|they)\b)", "", c)
    m = re.match(r"^(?:why|how) (?:would|did|could|do|does|can|'d|the hell did|on earth did) "
                 r"(you|she|he) (?:even |ever |just |always |constantly |never |still )?(\w+)(.*)$", c)
    if m:
        c = f"{m.group(1)} {past(m.group(2))}{m.group(3)}"
    m = re.match(r"^(?:then |so |and )?(who|where|what|when|why|how long|how much|how many times) "
                 r"(were|was|are|is|did|do|does|have|has|had|can't|won't|don't|didn't|aren't|"
                 r"weren't|wasn't|isn't|haven't|can|will|would|could|wouldn't|couldn't) "
                 r"(you|she|he|they) ?(.*)$", c)
    if m:
        wh, aux, subj, rest = m.groups()
        if aux in ("did", "do", "does") and rest:
            verb, _, tail = rest.partition(" ")
            rest = f"{past(verb)} {tail}".strip()
            return f"I don't know {wh} {subj} {rest}".strip()
        return f"I don't know {wh} {subj} {aux} {rest}".strip()
    m = re.match(r"^(?:so |and |then )?(did|do|does|have|has|were|was|are|is|will|would) "
                 r"(you|she|he|they) (.+)$", c)
    if m and "?" in clause:
        aux, subj, rest = m.groups()
        rest = re.split(r"\?", rest)[0].strip()
        rest = re.sub(r"^(?:even|ever|just|really|actually|honestly|seriously) ", "", rest)
        if aux in ("did", "do", "does"):
            verb, _, tail = rest.partition(" ")
            return f"I don't know whether {subj} {past(verb)} {tail}".strip()
        return f"I don't know whether {subj} {aux} {rest}".strip()
    m = re.match(r"^(?:just |please |now )?(tell|show|give|answer|explain|admit|call|text|"
                 r"unlock|open|read) (.*)$", c)
    if m:
        return f"I have to ask you to {m.group(1)} {m.group(2)}".strip()
    # A charge spliced on with a comma ("you're checking my phone, you never trust me") is
    # not the event: inside "I felt ... when" it would still land as blame.
    c = re.split(r",\s*(?=(?:you|you're|you are|ur) (?:never|always|constantly|don't even|"
                 r"can't even|won't even)\b)", c)[0]
    c = _ALWAYS.sub("", c)
    c = re.sub(r"\byou're\b", "you were", c)
    c = re.sub(r"\byou are\b", "you were", c)
    c = re.sub(r"^I(?:'m| am) (?:so |really |truly )?sorry,? (?:if |that |for |about )?", "", c)
    c = re.sub(r"^(?:if|that) (?=I |you )", "", c)  # "sorry if I offended you"
    c = re.sub(r"\b(?:only|just) ", "", c)
    # The excuse after "because" or "but" is not the event.
    c = re.split(r",? \b(?:because|but|cause|since|so what|though)\b", c)[0]
    # Nor is the speaker's own reaction after "and" ("... and I'm sick of it"): the reframe
    # names the feeling anew.
    c = re.split(_OWN_REACTION, c)[0]
    m = re.match(r"^you never (?:once |even )?(\w+)(.*)$", c)
    if m:
        verb = m.group(1)
        base = verb[:-3] + "y" if verb.endswith("ied") else (
            verb.removesuffix("ed")
        )
        c = f"you didn't {base}{m.group(2)}"
    c = re.sub(r"\bme\b", "me", c)
    words = c.split()
    # Two words can carry a whole event ("you lied"); one cannot.
    if len(words) < 2 or not re.search(r"\b(?:you|your|she|he|her|him|they|we|I)\b", c):
        return None
    if c.startswith(("you ", "your ", "you've ", "you'd ")):
        if re.match(r"^you (?:felt|were|feel|are) (?:\w+ )?(?:hurt|upset|sad|angry|scared)", c):
            return "I see that " + c
        return ("I realised " + c) if _PAST_HINT.match(c) else c
    if c.startswith("I "):
        return c
    if re.match(r"^(?:it|this|that|she|he|they|we|my|our|her|his)\b", c) and "?" not in clause:
        return f"I think about how {c}"
    return None


def message_words(text: str) -> list[str]:
    """Return the words of ``text`` that may name its topic, in order: shorthand spelt out
    first ("idc", "wat" are never topics), "honesty's" read as "honesty". The reframe picks its
    topic from them, and the evaluation's event check compares suggestions against them."""
    return [re.sub(r"'s$", "", w) for w in _content(expand_shorthand(text))]


def _content(text: str) -> list[str]:
    seen: list[str] = []
    for word in re.findall(r"[a-z']{3,}", text.lower()):
        word = word.strip("'")
        if word not in STOPWORDS and word not in seen:
            seen.append(word)
    return seen


def _event_candidates(text: str, analysis: Analysis) -> list[str]:
    """Return possible event clauses, best first, from the sentences that feed the cycle."""
    spans = [s for s in analysis.spans if s.code in CYCLE_CODES]
    ranked: list[tuple[int, int]] = []
    for start, end in _sentences(text):
        if any(s.start < end and start < s.end for s in spans):
            ranked.append((start, end))
    ranked.extend(span for span in _sentences(text) if span not in ranked)
    events = []
    for start, end in ranked:
        if "withdrawal" in analysis.codes and "blame" not in analysis.codes:
            break  # the withdrawer's event is the conversation itself, not its words
        mocking = [s for s in spans if s.code == "contempt"]
        if any(s.start < end and start < s.end for s in mocking):
            continue  # sarcasm and insults cannot be taken at their word; other clauses can
        event = to_event(text[start:end])
        defending = {"defensiveness", "empty_apology"} & set(analysis.codes)
        if (
            event and "empty_apology" in analysis.codes and not _OWN_ACT.match(event)
            and _SORRY.match(_clean(text[start:end]))
        ):
            # "I'm sorry you've been so stressed": what the partner lives through is the event.
            event = event.removeprefix("I realised ")
            if event.startswith(
                ("you ", "you've ", "you're ", "your ", "it ", "this ", "that ", "all ")
            ):
                events.append(f"I see that {event}")
            continue
        if event and defending and not _OWN_ACT.match(event):
            continue  # a defence's own words ("it was nothing") are not the event
        if event and event not in events and not _contemptuous(event):
            events.append(event)
            # "you lied to me and you put her first": each charge alone is an event too,
            # for when the whole reads as a list of charges.
            lead = "I realised " if event.startswith("I realised ") else ""
            parts = re.split(r" and (?=(?:you|she|he|they)\b)", event.removeprefix(lead))
            if len(parts) > 1:
                events.extend(lead + p for p in parts if lead + p not in events)
    if {"withdrawal", "defensiveness", "empty_apology"} & set(analysis.codes):
        lowered = expand_shorthand(text.lower())
        for pattern, event in _TALK_EVENTS:
            m = pattern.search(lowered)
            if m:
                events.append(event.format(*m.groups()))
                break
    for phrase in _noun_phrases(text):
        events.append(f"I think about {phrase}")
    people = [w for w in re.findall(r"[a-z]+", text.lower()) if w in _PEOPLE]
    things = [w for w in _content(text) if w in _TOPIC_NOUNS]
    if people:
        person = people[0]
        if person == "ex":  # "u follow ur ex": whose ex, as the message says
            person = "my ex" if re.search(r"\bmy ex\b", text.lower()) else "your ex"
        events.append(f"I think about you and {person}")
    if things:
        events.append(f"we talk about the {things[0]}")
    nouns = [
        w for w in message_words(text)
        if w not in INSULTS and w not in _NOT_TOPICS and w not in STOPWORDS and "'" not in w
        and not w.endswith(("ing", "ed", "ly", "able", "ible"))
    ]
    # "I'm sorry you're so upset": the partner's feeling, seen, is what this message is about.
    seen = _PARTNER_FEELING.search(text.lower())
    if seen:
        events.append(f"I see you this {seen.group(1)}")
    # A short message's own words, quoted back, keep its event better than one word of it
    # picked as a topic ("we talk about tonight").
    own_words = _own_words(text, analysis)
    if own_words:
        events.append(_quoted_event(own_words))
    if nouns:
        events.append(f"we talk about {nouns[0]}")
    events.append(GENERIC_EVENT)
    return events


_PARTNER_FEELING = re.compile(
    r"\b(?:you're|you are|you were|you seem|you look|ur)\s+(?:so |really |this |that |very )?"
    r"(" + "|".join(sorted(SECONDARY_WORDS | frozenset(PRIMARY_WORDS))) + r")\b"
)


#: Longest message, in words, that a reframe may quote whole as the speaker's own words.
OWN_WORDS_MAX = 10


def _own_words(text: str, analysis: Analysis) -> str | None:
    """Return a short message's own words, fit to quote back ("I hear myself say "leave it""),
    or None: a short retreat, defence or apology carries no clause to keep, yet naming the
    move in the speaker's own words keeps what this message is about. A longer message's
    retreat is quoted from its own sentence ("I'm going to bed"). Mockery and insults are
    never quoted back."""
    # "whatever" alone is a retreat, fit to quote; other insults are not.
    if "contempt" in analysis.codes or _contemptuous(text, spare=frozenset({"whatever"})):
        return None
    whole = _quotable(text)
    if whole or "withdrawal" not in analysis.codes:
        return whole
    retreat = [s for s in analysis.spans if s.code == "withdrawal"]
    for start, end in reversed(_sentences(text)):
        if any(s.start < end and start < s.end for s in retreat):
            return _quotable(text[start:end])
    return None


def _quotable(text: str) -> str | None:
    """Return ``text`` tidied to quote inside a sentence, or None when it is too long."""
    words = expand_shorthand(_clean(text.replace("\n", " "))).split()
    if not words or len(words) > OWN_WORDS_MAX:
        return None
    quoted = " ".join(words)
    quoted = re.sub(r"[.!?]+\s+", ", ", quoted).strip(" ,.!?\"'")
    # Sentences joined by commas go on in lower case ("a walk, alone"), "I" excepted.
    quoted = re.sub(r", (?!I\b|I')([A-Z])(?=[a-z])", lambda m: ", " + m.group(1).lower(), quoted)
    return quoted.replace('"', "'") or None


_APOLOGY = re.compile(
    r"\b(?:(?:fine|ok|okay|alright|yes|yeah|look)[,!.]*\s+)*"  # "fine, I'm sorry": one move
    r"(?:I(?:'m| am) (?:so |really |truly )?sorry|sorry|soz|sry|I apologi[sz]ed?|apologies)\b"
    r"[,.!?]*\s*",
    re.IGNORECASE,
)


def _quoted_event(own_words: str) -> str:
    """Return the event that quotes a short message back. An apology is named, not quoted:
    "I'm sorry, happy now" quoted whole reads as the same hasty apology, while "I say sorry
    and then add "happy now"" shows the speaker what undoes it."""
    if not _APOLOGY.search(own_words):
        return f'I hear myself say "{own_words}"'
    verb = "apologise" if re.search(r"(?i)apolog", own_words) else "say sorry"
    rest = _APOLOGY.sub("", own_words).strip(" ,.!?")
    rest = re.sub(r"\s*,\s*,\s*", ", ", rest)
    if not rest:
        return f"I {verb} like this"
    return f'I {verb} and then add "{rest}"'


_NOUN_PHRASE = re.compile(
    r"\b(?:your|my|our|the|her|his|their|that|this|those|these)\s+"
    r"((?:[A-Za-z'-]+\s+){0,2}[A-Za-z'-]+)"
)


#: The speaker's own past act ("I talked to her"), the only event a defence can offer.
_OWN_ACT = re.compile(
    r"^I (?:\w+ed|was|were|did|had|went|told|said|kept|hid|took|spent|lied|made|left|met|"
    r"saw|sent|got|gave|bought|slept|drank|chose|forgot|broke|upset|hurt|let|put|lost|ran|"
    r"read|bet|wasn't|didn't|couldn't)\b"
)
_STOP_NP = frozenset([
    "by", "for", "with", "from", "about", "at", "in", "on", "to", "of", "like", "than",
    "as", "when", "while", "if",
    # a relative clause starts here: "the one WHO snooped" names no thing
    "who", "which", "whom", "whose",
])
_PRONOUNS = frozenset([
    "i", "you", "he", "she", "we", "they", "it", "i'm", "you're", "you'd", "you've", "you'll",
    "he'd", "she'd", "they'd", "he's", "she's", "they're", "we're", "i'd", "i've",
])
_SMALL_WORDS = frozenset([
    "a", "an", "of", "to", "in", "on", "at", "by", "my", "his", "as", "or", "it", "is",
    "be", "so", "up",
    # adverbs that end a verb phrase, not a noun phrase ("you put HER FIRST")
    "first", "last", "again", "back", "down", "out", "off", "away", "over", "too", "now",
    "then", "anyway", "anymore", "already",
    # "the one", "that one": a placeholder, not a thing
    "one", "ones",
])


_SORRY = re.compile(
    r"^(?:I(?:'m| am) (?:so |really |truly )?sorry|sorry|I apologi[sz]e)\b", re.IGNORECASE
)


def _noun_phrases(text: str) -> list[str]:
    """Return determiner-led phrases of ``text`` ("your heartfelt promises", "the money")
    that name something the message is about, without insults or function words at the end."""
    out = []
    for m in _NOUN_PHRASE.finditer(text):
        words = m.group(0).split()
        if words[1].lower() in _PRONOUNS:
            continue  # "that you feel I ...": a clause, not a thing
        for i, word in enumerate(words[1:], 1):
            if word.lower().strip(".,!?") in _STOP_NP:
                words = words[:i]
                break
        while len(words) > 1 and (
            words[-1].lower().strip(".,!?") in STOPWORDS | INSULTS | _SMALL_WORDS
        ):
            words.pop()
        while len(words) > 2 and words[-1].lower().strip(".,!?").endswith("ed"):
            words.pop()
        if len(words) < 2 or any(w.lower().strip(".,!?") in INSULTS for w in words):
            continue
        words[0] = words[0].lower()
        phrase = " ".join(words).strip(".,!?;:'\"")
        if phrase not in out:
            out.append(phrase)
    return out[:2]


def _contemptuous(text: str, spare: frozenset[str] = frozenset()) -> bool:
    """Tell whether ``text`` holds an insult, words in ``spare`` excepted."""
    return any(w in INSULTS and w not in spare for w in re.findall(r"[a-z']+", text.lower()))


#: Codes of the partner who defends, apologises or retreats, in the order their wording is tried.
DEFENDING_CODES = ("defensiveness", "empty_apology", "withdrawal")


def speaks_as_defender(analysis: Analysis) -> bool:
    """Tell whether ``analysis`` is of a message that defends, apologises or retreats without
    also blaming or pressing: its speaker is the partner who broke trust, speaking from shame
    or fear, and is never offered the hurt partner's words."""
    codes = set(analysis.codes)
    return bool(codes.intersection(DEFENDING_CODES)) and not {"blame", "pursuit"} & codes


def _pairs(text: str, analysis: Analysis) -> list[tuple[str, str]]:
    catalogue = _catalogue()
    low = text.lower()
    pairs: list[tuple[str, str]] = []
    if speaks_as_defender(analysis):
        for code in DEFENDING_CODES:
            if code in analysis.codes:
                pairs.extend(tuple(p) for p in catalogue["codes"][code])
    for topic in catalogue["topics"]:
        if any(re.search(rf"\b{re.escape(w)}\b", low) for w in topic["words"]):
            pairs.extend(tuple(p) for p in topic["pairs"])
            break
    for code in CYCLE_CODES:
        if code in analysis.codes:
            pairs.extend(tuple(p) for p in catalogue["codes"][code])
    unique: list[tuple[str, str]] = []
    for pair in pairs:
        if pair[0] not in (u[0] for u in unique):
            unique.append(pair)
    return unique


def _rank_events(text: str, events: list[str]) -> list[str]:
    """Return ``events`` with those that repeat a content word of ``text`` first (stable):
    an event in the message's own words is the one the speaker is hurt about."""
    own = {stem(w) for w in _content(text) if w not in INSULTS}
    return sorted(events, key=lambda e: not own & {stem(w) for w in _content(e)})


def stem(word: str) -> str:
    """Return a crude stem, so that "lie" and "lied", "text" and "texting", "kiss" and
    "kissed" meet; the evaluation's event check uses the same one."""
    base = _PAST_TO_BASE.get(word)
    if base:
        return base
    for suffix in ("ing", "ied", "ed", "es", "s", "d"):
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        if suffix == "s" and word.endswith(("ss", "us", "is")):
            continue  # "kiss", "bus", "this": no plural to take off
        if suffix == "d" and (not word.endswith("ed") or word.endswith("eed")):
            continue  # "word", "need": the d is the word's own
        return word[: -len(suffix)]
    return word


#: The event of last resort, for a message with no words of its own to keep ("Pathetic.").
GENERIC_EVENT = "things get this tense between us"
#: Events told in the present whatever their words' tense ("I hear myself say "I told you"").
PRESENT_EVENTS = (
    "I don't know", "we talk", "things get", "we keep", "I have to", "I think about",
    "I hear myself", "I see you", "I say sorry", "I apologise",
)


def reframe_with(
    text: str, analyze: Callable[[str], Analysis], analysis: Analysis | None = None
) -> list[str]:
    """Return up to three reframes of ``text`` checked by ``analyze``; [] when none needed.

    ``analysis`` is ``text``'s analysis when the caller already has it (it saves one read).
    """
    if analysis is None:
        analysis = analyze(text)
    if analysis.error is not None or not analysis.feeds_cycle:
        return []
    suggestions: list[str] = []
    for event in _rank_events(text, _event_candidates(text, analysis)):
        for emotion, need in _pairs(text, analysis):
            if any(f" {emotion} when" in s for s in suggestions):
                continue
            present = event.startswith(PRESENT_EVENTS)
            verb = "felt" if _PAST.search(event) and not present else "feel"
            candidate = f"I {verb} {emotion} when {event}. I need {need}."
            if not analyze(candidate).feeds_cycle:
                suggestions.append(candidate)
            if len(suggestions) == MAX_SUGGESTIONS:
                return suggestions
    return suggestions
