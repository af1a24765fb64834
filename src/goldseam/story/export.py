"""Export the story as Markdown and PDF files a couple can keep.

The Markdown export is the story's own text, literally (nothing a partner wrote is escaped or
interpreted), preceded by a comment naming the export format so a later Goldseam can read it.
"""
from __future__ import annotations

import re
from datetime import date

from goldseam.story.chart import ChartLine
from goldseam.story.pdf import story_pdf
from goldseam.story.text import check_length

#: Format of the Markdown export; bump it when its shape changes.
MARKDOWN_FORMAT = 1
MARKDOWN_HEADER = f"<!-- goldseam story, format {MARKDOWN_FORMAT} -->\n\n"


def markdown_export(text: str) -> bytes:
    """Return the story text as a UTF-8 Markdown file; raise ``StoryError`` if empty or huge."""
    check_length(text)
    body = text.replace("\r\n", "\n").rstrip("\n") + "\n"
    return (MARKDOWN_HEADER + body).encode("utf-8")


def pdf_export(text: str, chart_lines: list[ChartLine] | None = None,
               written_on: date | None = None) -> bytes:
    """Return the story as a typeset PDF (see ``goldseam.story.pdf``)."""
    return story_pdf(text, chart_lines, written_on)


def filename(title: str, extension: str) -> str:
    """Return a safe file name for the export, e.g. ``our-new-story.pdf``."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "our-new-story"
    return f"{slug}.{extension}"
