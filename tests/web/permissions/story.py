"""Permission rows for the story app, and the helper that gives the cast a story.

The story is joint work: Sophie and Emma read and write all of it; therapists never use these
pages (403); Olivia, in another couple, has her own (empty) story, so pages about hers answer
and any version of Sophie and Emma's answers 404.
"""
from __future__ import annotations

from goldseam.web.story.models import StoryVersion

from . import Row, expect

BASE_TEXT = "# Our story\n\n## Before\n\nWe met in spring.\n"
#: Two versions by different authors, so diffs and merges have something to compare.
TEXTS = (BASE_TEXT, BASE_TEXT.replace("spring", "April"))


def couple_story(cast) -> list[StoryVersion]:
    """Return Sophie and Emma's two story versions, creating them once per cast."""
    if not hasattr(cast, "_story"):
        cast._story = [
            StoryVersion.objects.create(owner=author, couple=cast.couple, number=n, text=text,
                                        note="edited")
            for n, (author, text) in enumerate(zip((cast.sophie, cast.emma), TEXTS,
                                                   strict=True), start=1)
        ]
    return cast._story


def _number(n):
    return lambda c: {"number": couple_story(c)[n - 1].number}


COUPLE_ONLY = expect(sophie=200, emma=200, therapist=403, stranger_therapist=403, outsider=404,
                     anon=302)
COUPLE_WRITES = expect(sophie=302, emma=302, therapist=403, stranger_therapist=403,
                       outsider=404, anon=302)
ANY_PARTNER_PAGE = expect(partners=200, therapists=403, outsider=200, anon=302)
ANY_PARTNER_ACTION = expect(partners=302, therapists=403, outsider=302, anon=302)

ROWS = [
    Row("story:home", "GET", expected=ANY_PARTNER_PAGE),
    Row("story:home", "GET", lambda c: (couple_story(c), {})[1], ANY_PARTNER_PAGE,
        label="with-story"),
    Row("story:draft", "POST", expected=ANY_PARTNER_ACTION),
    Row("story:edit", "GET", expected=ANY_PARTNER_PAGE),
    Row("story:edit", "POST", expected=ANY_PARTNER_ACTION,
        data=lambda c: {"text": "# Ours\n\n## Before\n\nWe met.\n", "base": 0}),
    # Sophie edits version 1 while Emma's version 2 exists: the conflict page (200) for the
    # couple; Olivia's couple has no version 1 to merge from (404).
    Row("story:autosave", "POST", expected=ANY_PARTNER_PAGE,
        data=lambda c: {"text": "# Ours\n\nHalf a thought", "base": 0}),
    Row("story:merge", "POST", expected=COUPLE_ONLY,
        data=lambda c: {"mine": BASE_TEXT.replace("spring", "May"), "base": 1,
                        "theirs": couple_story(c)[1].number}),
    Row("story:history", "GET", expected=ANY_PARTNER_PAGE),
    Row("story:version", "GET", _number(1), COUPLE_ONLY),
    Row("story:diff", "GET", lambda c: {"a": couple_story(c)[0].number, "b": 2}, COUPLE_ONLY),
    Row("story:restore", "POST", _number(1), COUPLE_WRITES),
    Row("story:ours", "POST", expected=ANY_PARTNER_ACTION,
        data=lambda c: {"number": couple_story(c)[1].number}),
    Row("story:export-md", "GET", lambda c: (couple_story(c), {})[1],
        expect(partners=200, therapists=403, outsider=302, anon=302)),
    Row("story:export-pdf", "GET", lambda c: (couple_story(c), {})[1],
        expect(partners=200, therapists=403, outsider=302, anon=302)),
    Row("story:model", "GET", expected=ANY_PARTNER_PAGE),
    Row("story:model", "POST", expected=ANY_PARTNER_PAGE, data=lambda c: {"consent": "on"}),
    Row("story:reframe", "POST", expected=ANY_PARTNER_PAGE,
        data=lambda c: {"text": "You always leave!"}),
    Row("story:polish", "POST", lambda c: (couple_story(c), {})[1], ANY_PARTNER_ACTION),
]
