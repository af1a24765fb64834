"""The drafted story: chapters, the partners' own words, invitations, and only shared records."""
from __future__ import annotations

from dataclasses import replace
from importlib import resources

from goldseam.story.demo import EMMA, PRIVATE_MARKER, SOPHIE, demo_markdown
from goldseam.story.draft import CHAPTERS, draft_story
from goldseam.story.records import (
    CycleAccount,
    CyclePattern,
    InjuryStatement,
    Memory,
    RitualRecord,
)
from goldseam.story.text import parse_markdown


def test_draft_has_six_chapters_in_reading_order(demo):
    story = draft_story(demo)
    assert [c.key for c in story.chapters] == list(CHAPTERS)
    assert [c.title for c in story.chapters] == [
        "Before", "The rupture", "Understanding", "Repair", "Where we are", "Going forward"]


def test_rupture_quotes_the_hurt_partners_statement_verbatim(demo):
    rupture = draft_story(demo).chapters[1]
    quotes = [b for b in rupture.blocks if b.kind == "quote"]
    assert quotes[0].text.startswith("Last month I saw the messages between you and Jules.")
    assert quotes[0].attribution == "Sophie"


def test_cycle_accounts_are_retold_in_the_third_person(demo):
    text = draft_story(demo).to_markdown()
    assert "Sophie asked question after question and checked Emma's phone" in text
    assert "she felt scared and replaceable" in text
    assert "Emma went quiet and left the room" in text


def test_the_moment_of_feeling_heard_follows_the_answer_that_reached_her(demo):
    repair = draft_story(demo).chapters[3]
    text = " ".join(b.text for b in repair.blocks)
    assert "two tries" in text
    assert "Why did you go to her instead of me?" in text
    assert "Sophie felt heard" in text
    # The first, empty apology is not held up in the story; the answer that landed is.
    assert "only someone to vent to" not in text
    assert "That was wrong, and it's on me." in text


def test_commitments_are_told_with_the_confirmed_counts(demo):
    text = draft_story(demo).to_markdown()
    assert "kept it every time so far, seven times in all" in text
    assert "36 of 40 times" in text


def test_private_statement_never_reaches_the_story(demo):
    assert PRIVATE_MARKER not in draft_story(demo).to_markdown()


def test_unshared_trend_is_not_described(demo):
    # Sophie's felt-safety check-ins are private in the demo.
    assert "felt safety" not in draft_story(demo).to_markdown()


def test_nothing_shared_gives_an_invitation_in_every_chapter(empty):
    story = draft_story(empty)
    assert all(c.invitation_only for c in story.chapters)
    assert "Sophie and Emma" in story.title


def test_a_chapter_without_records_is_an_invitation_while_others_are_drafted(empty):
    records = replace(empty, injuries=(InjuryStatement(SOPHIE.id, "You left.", "I felt alone.",
                                                       shared=True),))
    story = draft_story(records)
    assert not story.chapters[1].invitation_only
    assert story.chapters[2].invitation_only
    assert "This chapter is about what each of you learned" in story.to_markdown()


def test_memories_fill_the_before_chapter(empty):
    records = replace(empty, memories=(Memory(EMMA.id, "We met at a choir rehearsal.", True),))
    before = draft_story(records).chapters[0]
    assert before.blocks[-1].text == "We met at a choir rehearsal."
    assert before.blocks[-1].attribution == "Emma"


def test_unreadable_phrase_is_quoted_not_bent(empty):
    account = CycleAccount(SOPHIE.id, did="The phone was mine to check", felt="", feared="",
                           longed="", shared=True)
    text = draft_story(replace(empty, cycle_accounts=(account,))).to_markdown()
    assert "\u201cThe phone was mine to check.\u201d" in text


def test_draft_is_the_same_every_time(demo):
    assert draft_story(demo).to_markdown() == draft_story(demo).to_markdown()


def test_other_couples_get_other_wording(demo):
    renamed = replace(demo, partners=(replace(SOPHIE, name="Ana"), replace(EMMA, name="Bea")))
    words = {draft_story(demo).to_markdown().replace("Sophie", "A").replace("Emma", "B"),
             draft_story(renamed).to_markdown().replace("Ana", "A").replace("Bea", "B")}
    assert len(words) == 2


def test_script_in_a_partners_words_stays_literal_in_markdown(empty):
    records = replace(empty, rituals=(RitualRecord("<script>alert(1)</script> walks", 3, True),))
    assert "<script>alert(1)</script> walks" in draft_story(records).to_markdown()


def test_markdown_form_reads_back_to_the_same_story(demo):
    text = draft_story(demo).to_markdown()
    assert parse_markdown(text).to_markdown() == text


def test_demo_story_file_is_the_current_draft():
    stored = resources.files("goldseam.story").joinpath("data/demo_story.md").read_text("utf-8")
    assert stored == demo_markdown(), "regenerate with: python -m goldseam.story.demo"


def test_a_pattern_known_only_by_name_is_named_without_a_quotation(empty):
    records = replace(empty, cycle_patterns=(CyclePattern("withdraw-withdraw", "", True),))
    understanding = draft_story(records).chapters[2]
    assert [b.kind for b in understanding.blocks] == ["text"]
    assert "withdraw and withdraw" in understanding.blocks[0].text


def test_a_partner_called_they_gets_verbs_that_agree(demo):
    they = ("they", "them", "their")
    records = replace(demo, partners=(replace(SOPHIE, pronouns=they),
                                      replace(EMMA, pronouns=they)))
    text = draft_story(records).to_markdown()
    assert "they have kept it" in text and "they has" not in text
    assert "Sophie feared that they were losing Emma" in text
