"""Markdown and PDF exports: they open, hold the chapters, and keep a partner's text literal."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from goldseam.story.chart import ChartLine, trust_chart
from goldseam.story.demo import DEMO_TODAY, demo_markdown, demo_records
from goldseam.story.errors import StoryError
from goldseam.story.export import filename, markdown_export, pdf_export
from goldseam.story.pdf import fonts
from goldseam.story.text import MAX_STORY_CHARS

CHAPTERS = ("Before", "The rupture", "Understanding", "Repair", "Where we are", "Going forward")
SCRIPT = "<script>alert('hi')</script> & <b>bold</b>"


def _chart_lines() -> list[ChartLine]:
    records = demo_records()
    return [ChartLine(records.partner(t.person_id).name, t.points)
            for t in records.trends if t.shared and t.construct == "trust"]


def _pdf_text(data: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "story.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_markdown_export_names_its_format_and_holds_every_chapter():
    data = markdown_export(demo_markdown()).decode("utf-8")
    assert data.startswith("<!-- goldseam story, format 1 -->")
    for title in CHAPTERS:
        assert f"## {title}\n" in data


def test_markdown_export_keeps_script_literally():
    data = markdown_export(f"# T\n\n## Before\n\n{SCRIPT}\n").decode("utf-8")
    assert SCRIPT in data


def test_pdf_opens_and_holds_the_title_and_chapters(tmp_path):
    data = pdf_export(demo_markdown(), _chart_lines(), DEMO_TODAY)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    text = _pdf_text(data, tmp_path)
    assert "Sophie and Emma" in text
    for title in CHAPTERS:
        assert title in text
    assert "Trust, as each of us rated it" in text  # the chart's caption


def test_pdf_has_a_title_page_then_numbered_pages(tmp_path):
    pages = _pdf_text(pdf_export(demo_markdown(), _chart_lines(), DEMO_TODAY), tmp_path)
    pages = pages.split("\f")
    assert "Chapter One" not in pages[0]
    assert pages[1].strip().endswith("1")


def test_pdf_prints_script_as_written(tmp_path):
    text = _pdf_text(pdf_export(f"# T\n\n## Before\n\n{SCRIPT}\n"), tmp_path)
    assert "<script>alert('hi')</script> & <b>bold</b>" in " ".join(text.split())


def test_pdf_keeps_non_latin_text_when_dejavu_is_present(tmp_path):
    if not fonts().regular.startswith("GoldseamSerif"):
        pytest.skip("DejaVu Serif is not installed; Times has no Cyrillic glyphs")
    text = _pdf_text(pdf_export("# T\n\n## Before\n\nМы встретились весной.\n"), tmp_path)
    assert "Мы встретились весной." in text


@pytest.mark.parametrize("export", [markdown_export, pdf_export])
def test_empty_story_is_refused(export):
    with pytest.raises(StoryError, match="empty"):
        export("  \n\n")


@pytest.mark.parametrize("export", [markdown_export, pdf_export])
def test_huge_story_is_refused_with_the_limit(export):
    with pytest.raises(StoryError, match="100,000"):
        export("# T\n\n" + "word " * (MAX_STORY_CHARS // 5 + 1))


def test_chart_needs_two_check_ins():
    assert trust_chart([ChartLine("Sophie", ((date(2026, 1, 1), 3.0),))], 300, "Times-Roman",
                       "c") is None
    assert trust_chart(_chart_lines(), 300, "Times-Roman", "c") is not None


def test_filename_is_safe():
    assert filename("Sophie & Emma: <ours>", "pdf") == "sophie-emma-ours.pdf"
    assert filename("\u00a0", "md") == "our-new-story.md"


def test_demo_module_writes_the_demo_pdf(tmp_path):
    from goldseam.story.demo import main

    assert main(["--pdf", str(tmp_path / "demo.pdf")]) == 0
    assert (tmp_path / "demo.pdf").read_bytes().startswith(b"%PDF-")
