"""Draw check-in trends and the reliability strip as self-contained SVG, readable on a phone.

Server-side and script-free: each chart is one ``<svg>`` string with a ``viewBox`` (it scales
to the screen width), text of at least 13 user units at a 360-unit width, an accessible
``<title>`` and ``<desc>``, and partners told apart by marker shape and dash as well as colour
(so the charts survive colour blindness and greyscale printing).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from goldseam.trust.catalogue import say
from goldseam.trust.change import construct_label
from goldseam.trust.reliability import Estimate
from goldseam.trust.trends import Series

#: Width of every chart in user units: a phone's CSS width, so 1 unit is about 1 CSS pixel.
WIDTH = 360
#: Two partner styles: colour (dark blue, dark orange; 4.5:1 on white), dash and marker.
STYLES = (
    {"color": "#1d4e89", "dash": "", "marker": "circle"},
    {"color": "#a34700", "dash": "6 4", "marker": "square"},
)
INK, GRID, BAND, FONT = "#1f2328", "#d0d7de", "#b6d4ef", "system-ui, sans-serif"


@dataclass(frozen=True)
class Line:
    """One named series to draw."""

    name: str
    series: Series


def _attrs(attrs: dict[str, object]) -> str:
    return "".join(f" {k.replace('_', '-')}={quoteattr(str(v))}" for k, v in attrs.items())


def _el(tag: str, children: str = "", **attrs: object) -> str:
    return f"<{tag}{_attrs(attrs)}>{children}</{tag}>" if children else f"<{tag}{_attrs(attrs)}/>"


def _text(x: float, y: float, content: str, size: int = 14, **attrs: object) -> str:
    return _el("text", escape(content), x=f"{x:.1f}", y=f"{y:.1f}", font_size=size, **attrs)


def _svg(uid: str, height: int, title: str, desc: str, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{uid}-t {uid}-d" font-family="{FONT}" fill="{INK}">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>{body}</svg>'
    )


def _day(day: date) -> str:
    # Built by hand: strftime's "%-d" (no leading zero) exists only on glibc.
    return f"{day.day} {day:%b %Y}"


def _marker(kind: str, x: float, y: float, color: str, size: float) -> str:
    if kind == "square":
        return _el("rect", x=f"{x - size:.1f}", y=f"{y - size:.1f}", width=f"{2 * size:.1f}",
                   height=f"{2 * size:.1f}", fill=color)
    return _el("circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r=f"{size:.1f}", fill=color)


def trend_chart(construct: str, lines: Sequence[Line], uid: str = "trend") -> str:
    """Return an SVG line chart of ``construct`` scores (1 to 7) over time, one line each."""
    label = construct_label(construct)
    title = say("charts.trend_title", construct=label.capitalize())
    days = sorted({p.day for line in lines for p in line.series.points})
    if not days:
        empty = say("charts.trend_empty", construct=label)
        return _svg(uid, 80, title, empty, _text(16, 46, empty, 15))
    left, right, top, bottom, height = 34, WIDTH - 44, 64, 196, 236
    first, last = days[0], days[-1]
    span = max((last - first).days, 1)

    def x_of(day: date) -> float:
        if first == last:
            return (left + right) / 2
        return left + (right - left) * (day - first).days / span

    def y_of(score: float) -> float:
        return bottom - (bottom - top) * (score - 1.0) / 6.0

    parts = [_text(16, 24, title, 17, font_weight="600")]
    for score in (1, 4, 7):
        y = y_of(score)
        parts.append(_el("line", x1=left, x2=right, y1=f"{y:.1f}", y2=f"{y:.1f}", stroke=GRID))
        parts.append(_text(left - 8, y + 5, str(score), 13, text_anchor="end"))
    parts.append(_text(left, height - 14, _day(first), 13))
    if last != first:
        parts.append(_text(right, height - 14, _day(last), 13, text_anchor="end"))
    legend_x = 16.0
    many = len(days) > 20
    for index, line in enumerate(lines):
        style = STYLES[index % len(STYLES)]
        parts.append(_marker(style["marker"], legend_x + 6, 44, style["color"], 5))
        parts.append(_text(legend_x + 16, 49, line.name, 14))
        legend_x += 26 + 8.5 * len(line.name)
        points = [(x_of(p.day), y_of(p.score)) for p in line.series.points]
        if not points:
            continue
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(_el("polyline", points=path, fill="none", stroke=style["color"],
                         stroke_width=2.5, stroke_dasharray=style["dash"] or "none",
                         stroke_linejoin="round"))
        for x, y in points:
            parts.append(_marker(style["marker"], x, y, style["color"], 2.2 if many else 4))
        x, y = points[-1]
        value = f"{line.series.points[-1].score:.1f}"
        parts.append(_text(x + 7, y + 5 + (10 if index else -4), value, 13,
                           fill=style["color"], font_weight="600"))
    names = " and ".join(line.name for line in lines)
    desc = say("charts.trend_desc", construct=label, people=names,
               first=first.isoformat(), last=last.isoformat())
    latest = "; ".join(
        f"{line.name} latest {line.series.points[-1].score:.1f}"
        for line in lines if line.series.points
    )
    return _svg(uid, height, title, f"{desc} {latest}.", "".join(parts))


def reliability_strip(
    rows: Sequence[tuple[str, Estimate]], uid: str = "reliability"
) -> str:
    """Return an SVG strip: for each labelled estimate, its credible range and best guess."""
    title = say("charts.strip_title")
    if not rows:
        empty = say("charts.strip_empty")
        return _svg(uid, 80, title, empty, _text(16, 46, empty, 15))
    left, right, row_h, top = 16, WIDTH - 16, 74, 40
    height = top + row_h * len(rows) + 24
    parts = [_text(16, 24, title, 16, font_weight="600")]
    middle = (left + right) / 2
    summary = []
    for index, (label, est) in enumerate(rows):
        y = top + index * row_h
        short = label if len(label) <= 40 else label[:39] + "…"
        parts.append(_text(left, y + 16, short, 14))
        bar_y = y + 26
        parts.append(_el("rect", x=left, y=bar_y, width=right - left, height=14, rx=7,
                         fill="#eef1f4"))
        half_mark = _el("line", x1=middle, x2=middle, y1=bar_y - 3, y2=bar_y + 17,
                        stroke="#8c959f", stroke_width=1.5)
        if est.too_early:
            note = say("reliability.too_early", kept=est.kept, total=est.total)
            if est.total == 0:
                note = say("reliability.none_yet").split(".")[0] + "."
            parts.append(_text(left, bar_y + 32, note, 13, fill="#57606a"))
            summary.append(f"{label}: {note}")
            parts.append(half_mark)
            continue
        x_low = left + (right - left) * est.low
        x_high = left + (right - left) * est.high
        parts.append(_el("rect", x=f"{x_low:.1f}", y=bar_y, width=f"{max(x_high - x_low, 3):.1f}",
                         height=14, rx=7, fill=BAND))
        # A half-way mark on each bar lets the eye read "better than even" without numbers.
        parts.append(half_mark)
        parts.append(_el("circle", cx=f"{left + (right - left) * est.mean:.1f}", cy=bar_y + 7,
                         r=6, fill=STYLES[0]["color"]))
        words = est.words()
        low, high = math.floor(est.low * 100), math.ceil(est.high * 100)
        caption = f"likely {low}–{high}% · kept {est.recent_kept} of last {est.recent_total}"
        parts.append(_text(left, bar_y + 32, caption, 13, fill="#57606a"))
        summary.append(f"{label}: {words}")
    parts.append(_text(left, height - 6, "0%", 13, fill="#57606a"))
    parts.append(_text(middle, height - 6, "50%", 13, fill="#57606a", text_anchor="middle"))
    parts.append(_text(right, height - 6, "100%", 13, fill="#57606a", text_anchor="end"))
    desc = say("charts.strip_desc", summary=" ".join(summary))
    return _svg(uid, height, title, desc, "".join(parts))
