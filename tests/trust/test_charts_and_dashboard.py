"""Charts are valid, accessible SVG; the dashboard gathers every number a view needs."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta

from goldseam.trust.charts import Line, reliability_strip, trend_chart
from goldseam.trust.checkins import CheckIn, instrument
from goldseam.trust.commitments import Commitment
from goldseam.trust.dashboard import build_dashboard
from goldseam.trust.reliability import Outcome, estimate
from goldseam.trust.rituals import Ritual
from goldseam.trust.trends import series

SVG = "{http://www.w3.org/2000/svg}"
T0 = datetime(2026, 1, 5, 19, tzinfo=UTC)


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox", "").startswith("0 0 360 ")
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text
    assert root.find(f"{SVG}desc").text
    return root


def checkins(couple, weeks=6):
    items = instrument().items
    return [
        CheckIn.create(couple, p, T0 + timedelta(days=7 * w), {i.id: 2 + w % 5 for i in items},
                       "time")
        for w in range(weeks) for p in ("maya", "sam")
    ]


def test_trend_chart_is_accessible_svg_with_one_line_per_partner(couple):
    lines = series(couple, checkins(couple))
    svg = trend_chart("trust", [Line(p.name, lines[(p.id, "trust")]) for p in couple.partners])
    root = parse(svg)
    assert len(root.findall(f".//{SVG}polyline")) == 2
    assert "Maya" in root.find(f"{SVG}desc").text
    sizes = [float(t.get("font-size")) for t in root.iter(f"{SVG}text")]
    assert min(sizes) >= 13  # readable on a phone at 360 units wide


def test_names_are_escaped_in_charts(couple):
    lines = series(couple, checkins(couple, 2))
    svg = trend_chart("safety", [Line("<script>x</script>", lines[("maya", "safety")])])
    assert "<script>" not in svg
    parse(svg)


def test_empty_charts_say_so():
    assert "No check-ins yet" in trend_chart("trust", [])
    assert "No commitments with confirmed entries yet" in reliability_strip([])


def test_reliability_strip_shows_a_range_or_too_early(couple):
    today = date(2026, 3, 1)
    many = estimate([Outcome(today - timedelta(days=d), d % 4 != 0) for d in range(20)], today)
    few = estimate([Outcome(today, True)] * 2, today)
    root = parse(reliability_strip([("Tell Maya first", many), ("Walk on Sundays", few)]))
    assert min(float(t.get("font-size")) for t in root.iter(f"{SVG}text")) >= 13
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "likely" in texts and "Too early to tell: 2 of 2 kept so far." in texts


def test_dashboard_gathers_estimates_rituals_notices_and_charts(couple):
    start = date(2026, 1, 5)
    c = Commitment.create("k1", couple, "sam", "Tell Maya when she messages", "daily", start)
    for d in range(10):
        day = start + timedelta(days=d)
        when = datetime(day.year, day.month, day.day, 23, tzinfo=UTC)
        c.mark("sam", d != 4, when, day)
        c.confirm("maya", when, day, kept=d not in (4, 6))
    ritual = Ritual.create("r1", couple, "daily_talk", start)
    ritual.mark_done("maya", T0, start)
    board = build_dashboard(couple, datetime(2026, 1, 16, 12, tzinfo=UTC), [c],
                            checkins(couple), [ritual])
    [view] = board.commitments
    assert view.estimate.kept == 8 and view.estimate.total == 10
    assert view.words.startswith("Kept 8 of the last 10 times; likely between")
    assert len(view.disagreements) == 1
    assert view.unanswered == 1  # 15 January: nobody has said anything yet
    assert board.consistency.total == board.ledger.total + len(ritual.outcomes(date(2026, 1, 16)))
    assert set(board.charts) == {"safety", "trust", "accessibility", "responsiveness",
                                 "engagement", "total", "reliability"}
    for svg in board.charts.values():
        parse(svg)
