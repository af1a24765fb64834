"""Versions with authors, readable diffs, restore, and merges that never overwrite silently."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldseam.story.diff import diff_versions, paragraphs
from goldseam.story.errors import StoryError
from goldseam.story.merge import merge
from goldseam.story.text import MAX_STORY_CHARS
from goldseam.story.versions import History

BASE = "# Our story\n\n## Before\n\nWe met in spring.\n\n## After\n\nWe walk on Sundays.\n"
AT = datetime(2026, 6, 1, tzinfo=UTC)


def test_each_save_is_a_numbered_version_with_its_author():
    history = History()
    first = history.save(BASE, "sophie", base=None, at=AT).version
    second = history.save(BASE.replace("spring", "April"), "emma", base=1, at=AT).version
    assert (first.number, first.author) == (1, "sophie")
    assert (second.number, second.author) == (2, "emma")
    assert history.latest.text.count("April") == 1


def test_concurrent_edits_of_different_paragraphs_merge():
    history = History()
    history.save(BASE, "sophie", base=None)
    history.save(BASE.replace("spring", "April"), "emma", base=1)
    # Sophie edited version 1 while Emma saved version 2.
    result = history.save(BASE.replace("Sundays", "Sunday mornings"), "sophie", base=1)
    assert result.merged and result.version.number == 3
    assert "April" in result.version.text and "Sunday mornings" in result.version.text


def test_concurrent_edits_of_the_same_paragraph_conflict_and_save_nothing():
    history = History()
    history.save(BASE, "sophie", base=None)
    history.save(BASE.replace("spring", "April"), "emma", base=1)
    result = history.save(BASE.replace("spring", "May"), "sophie", base=1)
    assert result.version is None
    [conflict] = result.merge.conflicts
    assert conflict.mine == ("We met in May.",) and conflict.theirs == ("We met in April.",)
    assert len(history.versions) == 2 and "April" in history.latest.text


def test_conflict_resolution_keeps_the_chosen_words():
    result = merge(BASE, BASE.replace("spring", "May"), BASE.replace("spring", "April"))
    assert "We met in April." in result.resolve(["theirs"])
    both = result.resolve(["both"])
    assert both.index("We met in May.") < both.index("We met in April.")
    assert "We met in early spring." in result.resolve(["We met in early spring."])
    with pytest.raises(ValueError):
        result.resolve([])
    with pytest.raises(ValueError):
        result.text  # noqa: B018 - reading the property is the test


def test_identical_edits_on_both_sides_count_once():
    edited = BASE.replace("spring", "April")
    result = merge(BASE, edited, edited)
    assert result.clean and result.text == edited


def test_insertions_at_the_same_place_conflict():
    mine = BASE.replace("## After", "Mine.\n\n## After")
    theirs = BASE.replace("## After", "Theirs.\n\n## After")
    assert not merge(BASE, mine, theirs).clean


def test_restore_saves_an_old_text_as_the_newest_version():
    history = History()
    history.save(BASE, "sophie", base=None)
    history.save(BASE.replace("spring", "April"), "emma", base=1)
    restored = history.restore(1, "sophie")
    assert restored.number == 3 and restored.text == BASE and "restored" in restored.note
    with pytest.raises(StoryError, match="no version 9"):
        history.restore(9, "sophie")


def test_empty_and_huge_stories_are_refused_with_a_clear_message():
    history = History()
    with pytest.raises(StoryError, match="empty"):
        history.save("   \n", "sophie", base=None)
    with pytest.raises(StoryError, match="limit is 100,000"):
        history.save("x" * (MAX_STORY_CHARS + 1), "sophie", base=None)
    assert history.versions == []


def test_history_round_trips_and_names_its_format():
    history = History()
    history.save(BASE, "sophie", base=None, at=AT)
    data = history.to_dict()
    assert data["format"] == 1
    assert History.from_dict(data).versions == history.versions
    with pytest.raises(ValueError, match="format"):
        History.from_dict({"format": 99, "versions": []})


def test_diff_shows_word_changes_inside_an_edited_paragraph():
    text = diff_versions(BASE, BASE.replace("spring", "April")).to_text()
    assert text == "~ We met in [-spring.-]{+April.+}"


def test_diff_shows_added_and_removed_paragraphs():
    added = diff_versions(BASE, BASE + "\nA new ending.\n").to_text()
    assert added == "+ A new ending."
    removed = diff_versions(BASE, BASE.replace("\n\nWe walk on Sundays.", "")).to_text()
    assert removed == "- We walk on Sundays."
    assert diff_versions(BASE, BASE).to_text() == "No changes between these two versions."


paragraph = st.text(alphabet="abc ", min_size=1, max_size=6).map(str.strip).filter(bool)
doc = st.lists(paragraph, min_size=0, max_size=6).map(lambda ps: "\n\n".join(ps) + "\n")


@settings(max_examples=200, deadline=None)
@given(doc, doc)
def test_merge_with_an_unchanged_side_is_the_other_side(base, edited):
    expected = "\n\n".join(p.strip() for p in edited.split("\n\n") if p.strip()) + "\n"
    assert merge(base, edited, base).text == expected
    assert merge(base, base, edited).text == expected


@settings(max_examples=200, deadline=None)
@given(doc, doc, doc)
def test_merge_never_drops_a_sides_paragraph_silently(base, mine, theirs):
    result = merge(base, mine, theirs)
    if result.clean:
        return
    # Every paragraph of either side survives when the partners choose "both".
    merged = result.resolve(["both"] * len(result.conflicts))
    kept = paragraphs(merged)
    for side in (mine, theirs):
        for p in paragraphs(side):
            if p not in paragraphs(base):
                assert p in kept
