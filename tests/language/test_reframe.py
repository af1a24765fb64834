"""Reframes keep the message's event, name a primary emotion and a need, and feed no cycle."""
from __future__ import annotations

import re

import pytest

from goldseam.language import analyze, reframe
from goldseam.language.engines import get_engine
from goldseam.language.evaluate import reframe_passes
from goldseam.language.reframing import PRIMARY_WORDS, past, reframe_with, to_event

CYCLE_MESSAGES = {
    "texting_again": ("You were texting her again.", "texting"),
    "why_ex": ("Why would you tell your ex about our money problems?", "money"),
    "never_asked": ("You never once asked how I was coping after the miscarriage.", "coping"),
    "interrogation": ("Who were you texting? Show me your phone.", "texting"),
    "feel_like_you": ("I feel like you don't care about me at all.", "care"),
}


@pytest.mark.parametrize("name", sorted(CYCLE_MESSAGES))
def test_first_suggestion_keeps_event_and_passes(name):
    text, event_word = CYCLE_MESSAGES[name]
    suggestions = reframe(text)
    assert 1 <= len(suggestions) <= 3
    first = suggestions[0]
    assert event_word in first.lower()
    assert reframe_passes(text, first, analyze)


@pytest.mark.parametrize("name", sorted(CYCLE_MESSAGES))
def test_every_suggestion_is_free_of_cycle_codes(name):
    for suggestion in reframe(CYCLE_MESSAGES[name][0]):
        assert not analyze(suggestion).feeds_cycle, suggestion
        assert any(w in suggestion.split() for w in PRIMARY_WORDS)
        assert "I need" in suggestion


def test_event_clause_adjusts_person_and_tense():
    assert to_event("You were texting her again.") == "I realised you were texting her again"
    assert to_event("Why did you hide the statements?") == "I realised you hid the statements"


def test_past_tense_of_regular_and_irregular_verbs():
    assert [past(v) for v in ["tell", "text", "hide", "worry", "delete"]] == [
        "told", "texted", "hid", "worried", "deleted"
    ]


@pytest.mark.parametrize("text", [
    "Can you pick up milk on the way home?",
    "I felt abandoned when you weren't there for me.",
    "From now on I'll tell you whenever she contacts me.",
])
def test_message_that_needs_no_reframe_gets_none(text):
    assert reframe(text) == []


def test_insults_are_never_repeated_in_a_reframe():
    for suggestion in reframe("You're pathetic, you know that?"):
        assert "pathetic" not in suggestion


def test_two_word_accusation_keeps_its_event():
    first = reframe("you lied")[0]
    assert "you lied" in first
    assert reframe_passes("you lied", first, lambda t: analyze(t))


def test_sarcastic_sentence_is_skipped_but_the_plain_one_is_kept():
    text = "You're a liar, and not even a clever one. You went to the hotel with her."
    first = reframe(text)[0]
    assert "hotel" in first
    assert "liar" not in first


def test_empty_apology_offers_the_speakers_own_act():
    first = reframe("Sorry if I offended you.")[0]
    assert "offended you" in first
    assert not analyze(first).feeds_cycle


@pytest.mark.parametrize(("text", "wanted", "unwanted"), [
    # A feeling named before "that you ...": the clause after it is the event.
    ("I'm furious that you took the kids to meet him without asking me.",
     "you took the kids to meet him without asking me", "think about you and him"),
    # A relative clause or "the one" names no thing to think about.
    ("Says the one who snooped.", "", "think about the one"),
    ("I am so angry that you let me defend you to my parents while you were still seeing him.",
     "you let me defend you to my parents", "when I am so angry"),
    # The partner's feeling, named by the message, is seen, not a topic to "talk about".
    ("I'm sorry you're so upset, babe.", "I see you this upset", "talk about upset"),
])
def test_first_reframe_reads_as_a_sentence_about_this_message(text, wanted, unwanted):
    suggestions = reframe_with(text, get_engine("rules").analyze)
    assert wanted in suggestions[0]
    assert not any(unwanted in s for s in suggestions)


@pytest.mark.parametrize(("text", "event"), [
    ("ok but u literally follow ur ex on insta so", "I think about you and your ex"),
    ("I still talk to my ex, so what.", "I think about you and my ex"),
])
def test_an_ex_is_named_as_the_message_names_it(text, event):
    from goldseam.language.reframing import _event_candidates

    assert event in _event_candidates(text, get_engine("rules").analyze(text))


@pytest.mark.parametrize(("text", "quote"), [
    ("I'm going for a walk. Alone.", '"I\'m going for a walk, alone"'),
    ("Don't wait up.", '"don\'t wait up"'),
])
def test_a_short_retreat_is_quoted_back_not_cut_to_one_word(text, quote):
    first = reframe_with(text, get_engine("rules").analyze)[0]
    assert f"I hear myself say {quote}" in first


@pytest.mark.parametrize(("text", "event"), [
    # Quoted whole, a hasty apology reads as the same apology; named, it shows what undoes it.
    ("Fine, I'm sorry. Are you happy?", 'I say sorry and then add "are you happy"'),
    ("I apologise if I overstepped.", 'I apologise and then add "if I overstepped"'),
    ("Sorry.", "I say sorry like this"),
])
def test_an_apology_is_named_and_what_follows_it_quoted(text, event):
    from goldseam.language.reframing import _event_candidates

    analysis = get_engine("rules").analyze(text)
    assert "empty_apology" in analysis.codes
    assert event in _event_candidates(text, analysis)


def test_a_long_messages_retreat_is_quoted_from_its_own_sentence():
    from goldseam.language.reframing import _own_words

    text = "I've told you what happened. That's all you're getting. I'm going to bed."
    analysis = get_engine("rules").analyze(text)
    assert "withdrawal" in analysis.codes
    assert _own_words(text, analysis) == "I'm going to bed"


def test_whatever_is_a_retreat_fit_to_quote_but_an_insult_is_not():
    from goldseam.language.reframing import _own_words

    rules = get_engine("rules")
    assert _own_words("whatever u say", rules.analyze("whatever u say")) == "whatever you say"
    assert _own_words("whatever, loser", rules.analyze("whatever, loser")) is None


@pytest.mark.parametrize(("word", "other"), [
    ("kiss", "kissed"), ("word", "words"), ("lie", "lied"), ("text", "texting"),
    ("miss", "missing"), ("need", "needs"),
])
def test_stem_meets_the_forms_of_one_word(word, other):
    from goldseam.language.reframing import stem

    assert stem(word) == stem(other)


def test_event_check_reads_shorthand_as_the_words_it_stands_for():
    from goldseam.language.evaluate import content_words

    assert content_words("so i cant even go out now?") <= content_words(
        "I hear myself say \"I can't even go out now\""
    )
    assert content_words("Honesty's not really your thing") == content_words("honesty thing")


def test_why_always_question_keeps_the_verb_not_the_adverb():
    event = to_event("Why do you always have to lie?")
    assert event.endswith("you had to lie")
    assert "alwaysed" not in event


def test_the_semantic_reframe_tries_the_messages_own_words_before_the_generic_event():
    pytest.importorskip("torch")
    from goldseam.language.reframing import GENERIC_EVENT

    first = reframe("Did you kiss him? Did you? Tell me!", engine="semantic")[0]
    assert GENERIC_EVENT not in first
    assert "kiss" in first


@pytest.mark.parametrize(("text", "event", "reaction"), [
    ("You lied again and I'm so angry.", "you lied again", "angry"),
    ("You deleted the whole thread, and I'm left confused about what was real.",
     "you deleted the whole thread", "confused"),
])
def test_the_speakers_own_reaction_is_not_part_of_the_event(text, event, reaction):
    first = reframe_with(text, get_engine("rules").analyze)[0]
    assert event in first
    assert reaction not in first.split(". I need")[0].split(" when ", 1)[1]


@pytest.mark.parametrize(("text", "kept"), [
    ("You're checking my phone again, you never trust me.", "checking my phone again"),
    ("You're checking my phone again, you always assume the worst.", "checking my phone again"),
    ("You never listen, you always interrupt me.", "you didn't listen"),
])
def test_a_charge_spliced_on_with_a_comma_is_not_part_of_the_event(text, kept):
    event = to_event(text)
    assert kept in event
    assert not re.search(r"\b(?:never|always|interrupt|assume|trust)\b", event), event


@pytest.mark.parametrize(("text", "unwanted"), [
    ("It was one text, you're blowing this out of proportion.", "blowing"),
    ("Stop apologising, I'm going to bed.", "I keep apologising"),
    ("Stop justifying yourself, I'm done.", "I keep justifying"),
    ("I'm not answering any more questions.", "we keep answering"),
    ("I'll let you cool off, I'm heading out.", "we keep heading"),
])
def test_only_a_shared_verb_of_talking_becomes_what_we_keep_doing(text, unwanted):
    suggestions = reframe_with(text, get_engine("rules").analyze)
    assert suggestions
    assert not any(unwanted in s for s in suggestions), suggestions


@pytest.mark.parametrize(("text", "event"), [
    ("I'm done arguing.", "we keep arguing about this"),
    ("Why are you dragging all that up again? I said I'm sorry.", "we keep bringing this up"),
])
def test_a_retreat_about_the_talk_itself_keeps_that_talk_as_its_event(text, event):
    suggestions = reframe_with(text, get_engine("rules").analyze)
    assert any(event in s for s in suggestions), suggestions
