"""Typeset the story as a PDF to print and keep, with ReportLab.

A5 pages, a serif face (DejaVu Serif from the system when fontconfig finds it, else ReportLab's
built-in Times), a title page with a gold seam, chapter headings, quotations set apart, page
numbers, and the trust chart in the chapter about where the couple stands. Every character a
partner wrote is escaped before ReportLab reads it, so text such as ``<script>`` prints as
written.
"""
from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from goldseam.story.catalogue import say
from goldseam.story.chart import ChartLine, trust_chart
from goldseam.story.text import parse_markdown

GOLD = colors.HexColor("#b08d2e")
INK = colors.HexColor("#26221c")
MUTED = colors.HexColor("#6b6358")
MARGIN_INNER, MARGIN_OUTER, MARGIN_TOP, MARGIN_BOTTOM = 19 * mm, 19 * mm, 20 * mm, 22 * mm
#: Body size and leading in points: 10.5 on 15.5 keeps about 60 characters a line on A5.
BODY_SIZE, BODY_LEADING = 10.5, 15.5
_FACES = {"regular": "Book", "bold": "Bold", "italic": "Italic", "bolditalic": "Bold Italic"}


@dataclass(frozen=True)
class Fonts:
    """The four faces of the serif family used, as registered ReportLab font names."""

    regular: str
    bold: str
    italic: str
    bolditalic: str


def _fc_file(style: str) -> str | None:
    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}|%{family}", f"DejaVu Serif:style={style}"],
                             capture_output=True, text=True, timeout=5, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, family = out.partition("|")
    # fc-match always answers; only accept the family asked for, not its nearest substitute.
    return path if "DejaVu Serif" in family and path.endswith(".ttf") else None


@cache
def fonts() -> Fonts:
    """Return the serif faces, registering DejaVu Serif when the system has all four."""
    files = {face: _fc_file(style) for face, style in _FACES.items()}
    if all(files.values()):
        try:
            for face, path in files.items():
                pdfmetrics.registerFont(TTFont(f"GoldseamSerif-{face}", path))
            pdfmetrics.registerFontFamily(
                "GoldseamSerif", normal="GoldseamSerif-regular", bold="GoldseamSerif-bold",
                italic="GoldseamSerif-italic", boldItalic="GoldseamSerif-bolditalic")
            return Fonts(*(f"GoldseamSerif-{face}" for face in _FACES))
        except (OSError, TTFError):
            pass  # a broken or unreadable font file falls back to Times, never stops an export
    return Fonts("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic")


def _styles(f: Fonts) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=f.regular, fontSize=BODY_SIZE, leading=BODY_LEADING,
                          textColor=INK, alignment=TA_LEFT, spaceAfter=7,
                          hyphenationLang="", allowWidows=0, allowOrphans=0)
    return {
        "title": ParagraphStyle("title", fontName=f.regular, fontSize=25, leading=31,
                                textColor=INK, alignment=TA_CENTER),
        "subtitle": ParagraphStyle("subtitle", fontName=f.italic, fontSize=11, leading=16,
                                   textColor=MUTED, alignment=TA_CENTER),
        "label": ParagraphStyle("label", fontName=f.regular, fontSize=8, leading=10,
                                textColor=GOLD, alignment=TA_CENTER, spaceAfter=3),
        "chapter": ParagraphStyle("chapter", fontName=f.bold, fontSize=15, leading=20,
                                  textColor=INK, alignment=TA_CENTER, spaceAfter=14),
        "body": body,
        "quote": ParagraphStyle("quote", parent=body, fontName=f.italic, fontSize=10,
                                leading=15, alignment=TA_LEFT, spaceBefore=0, spaceAfter=4),
        "attribution": ParagraphStyle("attribution", parent=body, fontSize=9, leading=13,
                                      textColor=MUTED, alignment=TA_RIGHT, spaceAfter=0),
        "invitation": ParagraphStyle("invitation", parent=body, fontName=f.italic,
                                     textColor=MUTED, alignment=TA_CENTER, leftIndent=10,
                                     rightIndent=10),
        "footer": ParagraphStyle("footer", fontName=f.regular, fontSize=8.5, textColor=MUTED),
    }


class _Seam(Flowable):
    """A short, irregular gold line under the title: the mended crack of kintsugi."""

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, 12

    def draw(self):
        _seam(self.canv, self.width, 6)


def _seam(canvas, width: float, y: float) -> None:
    """Draw the gold seam centred on ``width`` at height ``y``."""
    canvas.saveState()
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(1.4)
    canvas.setLineCap(1)
    points = [(-34, 0), (-19, 3), (-9, -2), (2, 2.5), (12, -1.5), (22, 2), (34, 0)]
    path = canvas.beginPath()
    path.moveTo(width / 2 + points[0][0], y + points[0][1])
    for dx, dy in points[1:]:
        path.lineTo(width / 2 + dx, y + dy)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


def _number_words(n: int) -> str:
    words = ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"]
    return words[n - 1] if 1 <= n <= len(words) else str(n)


def story_pdf(markdown: str, chart_lines: list[ChartLine] | None = None,
              written_on: date | None = None) -> bytes:
    """Return the PDF of the story whose Markdown form is ``markdown``.

    ``chart_lines`` (check-in trust scores per partner) draw the trust chart at the end of the
    "where we are" chapter, or of the story when that chapter was renamed. Raises
    ``StoryError`` for an empty or over-long story.
    """
    story = parse_markdown(markdown)
    f = fonts()
    st = _styles(f)
    buffer = io.BytesIO()
    width, height = A5
    title = story.title or say("pdf.untitled")

    def later_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(f.regular, 8.5)
        canvas.setFillColor(MUTED)
        canvas.drawCentredString(width / 2, MARGIN_BOTTOM / 2, str(doc.page - 1))
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buffer, pagesize=A5, leftMargin=MARGIN_INNER, rightMargin=MARGIN_OUTER,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title,
        author=say("pdf.author"), subject=say("pdf.subject"), creator="Goldseam",
    )
    flow: list = [Spacer(1, height * 0.22), Paragraph(escape(title), st["title"]),
                  Spacer(1, 34)]
    when = written_on or date.today()
    flow.append(Paragraph(escape(say("pdf.written", when=f"{when:%B} {when.year}")),
                          st["subtitle"]))
    flow.extend([Spacer(1, 22), _Seam(), PageBreak()])
    chart = _chart_flowable(chart_lines or [], doc.width, f, st)
    chart_placed = chart is None
    now_title = say("chapters.now").casefold()
    for number, chapter in enumerate(c for c in story.chapters if c.title or c.blocks):
        flow.append(CondPageBreak(height * 0.28))
        if chapter.title:
            flow.append(Spacer(1, 16 if number else 4))
            label = Paragraph(escape(say("pdf.chapter", number=_number_words(number + 1))),
                              st["label"])
            flow.append(KeepTogether([label, Paragraph(escape(chapter.title), st["chapter"])]))
        for block in chapter.blocks:
            flow.extend(_block(block, st))
        if not chart_placed and chapter.title.casefold() == now_title:
            flow.append(chart)
            chart_placed = True
    if not chart_placed:
        flow.append(chart)
    doc.build(flow, onLaterPages=later_page)
    return buffer.getvalue()


def _chart_flowable(lines: list[ChartLine], width: float, f: Fonts, st) -> object | None:
    drawing = trust_chart(lines, width * 0.92, f.regular, say("pdf.chart_caption"))
    if drawing is None:
        return None
    drawing.hAlign = "CENTER"
    return KeepTogether([Spacer(1, 8), drawing, Spacer(1, 6)])


def _block(block, st) -> list:
    text = escape(block.text)
    if block.kind == "quote":
        rows = [[Paragraph(escape(p), st["quote"])] for p in block.text.split("\n\n") if p.strip()]
        if block.attribution:
            rows.append([Paragraph("\u2014 " + escape(block.attribution), st["attribution"])])
        # A thin gold rule beside the quotation sets the partner's own words apart.
        table = Table(rows, colWidths=["100%"], hAlign="CENTER", splitByRow=True)
        table.setStyle(TableStyle([
            ("LINEBEFORE", (0, 0), (0, -1), 1.2, GOLD),
            ("LEFTPADDING", (0, 0), (-1, -1), 11), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]))
        return [Spacer(1, 2), table, Spacer(1, 10)]
    if block.kind == "invitation":
        return [Paragraph(text, st["invitation"])]
    return [Paragraph(text, st["body"])]

