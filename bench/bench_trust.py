"""Time a couple's trust dashboard over a year of generated records (issue 7's target).

A year of weekly check-ins by both partners, 20 daily commitments with every occurrence
marked by the owner and answered by the partner (7,300 occurrences), and two rituals; then
``build_dashboard`` computes every estimate, notice and SVG chart. The target is well under
100 ms. Run: ``.venv/bin/python bench/bench_trust.py [--repeat N] [--write-svg DIR]``.
"""
from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from goldseam.trust.checkins import CheckIn, instrument
from goldseam.trust.commitments import Commitment
from goldseam.trust.dashboard import build_dashboard
from goldseam.trust.people import Couple, Person
from goldseam.trust.rituals import Ritual

START = date(2025, 11, 27)
NOW = datetime(2026, 11, 26, 20, 0, tzinfo=UTC)


def make_year(seed: int = 7) -> tuple[Couple, list[Commitment], list[CheckIn], list[Ritual]]:
    """Return a couple with a year of generated commitments, check-ins and rituals."""
    rng = random.Random(seed)
    maya = Person.in_zone("maya", "Maya", "Europe/London")
    sam = Person.in_zone("sam", "Sam", "Europe/London")
    couple = Couple("demo", (maya, sam))
    commitments = []
    days = (NOW.date() - START).days
    for n in range(20):
        c = Commitment.create(f"c{n}", couple, "sam", f"Commitment number {n}: tell Maya first",
                              "daily", START)
        keep_rate = 0.6 + 0.35 * n / 19
        for d in range(days):
            day = START + timedelta(days=d)
            at = datetime(day.year, day.month, day.day, 21, 0, tzinfo=UTC)
            kept = rng.random() < keep_rate
            c.mark("sam", kept, at, day)
            # The partner mostly agrees; one answer in twenty differs.
            c.confirm("maya", at + timedelta(hours=1), day,
                      kept=kept if rng.random() > 0.05 else not kept)
        commitments.append(c)
    checkins = []
    items = instrument().items
    for week in range(52):
        day = START + timedelta(days=7 * week)
        for person, base in ((maya, 2.5 + 3.0 * week / 51), (sam, 4.0 + 1.5 * week / 51)):
            ratings = {i.id: min(7, max(1, round(base + rng.gauss(0, 0.8)))) for i in items}
            at = datetime(day.year, day.month, day.day, 19, 0, tzinfo=UTC)
            checkins.append(CheckIn.create(couple, person.id, at, ratings, "time together"))
    rituals = [Ritual.create("r1", couple, "daily_talk", START),
               Ritual.create("r2", couple, "weekly_walk", START)]
    for d in range(days):
        day = START + timedelta(days=d)
        at = datetime(day.year, day.month, day.day, 21, 30, tzinfo=UTC)
        if rng.random() < 0.7:
            rituals[0].mark_done("maya", at, day)
        if day.weekday() == START.weekday() and rng.random() < 0.8:
            rituals[1].mark_done("sam", at, day)
    return couple, commitments, checkins, rituals


def main() -> None:
    """Time ``build_dashboard`` and print the median and worst of ``--repeat`` runs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--write-svg", type=Path, help="write the charts into this folder")
    args = parser.parse_args()
    couple, commitments, checkins, rituals = make_year()
    timings, cpu = [], []
    for _ in range(args.repeat):
        began, began_cpu = time.perf_counter(), time.process_time()
        board = build_dashboard(couple, NOW, commitments, checkins, rituals)
        timings.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    occurrences = sum(len(c.occurrences) for c in commitments)
    print(f"records: {len(checkins)} check-ins, {len(commitments)} commitments, "
          f"{occurrences} occurrences, {len(rituals)} rituals")
    print(f"build_dashboard with charts: median {statistics.median(timings):.1f} ms, "
          f"max {max(timings):.1f} ms over {args.repeat} runs "
          f"(CPU time median {statistics.median(cpu):.1f} ms: wall time suffers on a busy machine)")
    print(f"ledger: {board.ledger.words()}  notices: {len(board.notices)}")
    if args.write_svg:
        args.write_svg.mkdir(parents=True, exist_ok=True)
        for name, svg in board.charts.items():
            (args.write_svg / f"{name}.svg").write_text(svg, "utf-8")


if __name__ == "__main__":
    main()
