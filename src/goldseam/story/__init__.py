"""goldseam.story: draft, version, merge and export the couple's new story, without Django.

The web layer gathers the couple's records into ``StoryRecords`` (only ``shared`` ones are
used), calls ``draft_story`` and stores the Markdown text as versions; ``History`` holds the
rule for saving on top of a partner's concurrent edit (``merge``), ``diff_versions`` shows
changes, ``markdown_export`` and ``pdf_export`` write the files, and ``llm`` offers an optional
rewrite from an operator's local model. ``demo`` holds the demo couple's records.
"""
from __future__ import annotations

from goldseam.story.chart import ChartLine
from goldseam.story.diff import Diff, diff_versions
from goldseam.story.draft import draft_story
from goldseam.story.errors import StoryError
from goldseam.story.export import filename, markdown_export, pdf_export
from goldseam.story.merge import Conflict, MergeResult, merge
from goldseam.story.records import StoryRecords, shared_only
from goldseam.story.text import MAX_STORY_CHARS, Story, parse_markdown
from goldseam.story.versions import History, SaveResult, Version

__all__ = [
    "MAX_STORY_CHARS",
    "ChartLine",
    "Conflict",
    "Diff",
    "History",
    "MergeResult",
    "SaveResult",
    "Story",
    "StoryError",
    "StoryRecords",
    "Version",
    "diff_versions",
    "draft_story",
    "filename",
    "markdown_export",
    "merge",
    "parse_markdown",
    "pdf_export",
    "shared_only",
]
