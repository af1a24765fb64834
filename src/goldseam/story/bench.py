"""Time the story library on the demo couple and on stories at the size limit.

Run ``python -m goldseam.story.bench``; it prints the median of several runs per operation.
The large cases use a story of ``MAX_STORY_CHARS`` characters in 400 paragraphs, with edits
spread through it, which is the worst a couple can hand the diff and merge.
"""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from goldseam.story.chart import ChartLine
from goldseam.story.demo import DEMO_TODAY, demo_markdown, demo_records
from goldseam.story.diff import diff_versions
from goldseam.story.draft import draft_story
from goldseam.story.merge import merge
from goldseam.story.pdf import story_pdf
from goldseam.story.text import MAX_STORY_CHARS

#: Runs per operation; the median is reported, so one slow run (a shared CPU) does not count.
RUNS = 7


def _median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _large_story() -> tuple[str, str, str]:
    """Return a base story at the size limit and two edits of different paragraphs."""
    paragraphs = 400
    size = MAX_STORY_CHARS // paragraphs - 3
    body = [f"p{i} " + ("word " * size)[: size - len(f"p{i} ")] for i in range(paragraphs)]
    base = "# Limit\n\n" + "\n\n".join(body) + "\n"
    mine = base.replace("p10 ", "p10 mine ").replace("p210 ", "p210 mine ")
    theirs = base.replace("p110 ", "p110 theirs ").replace("p310 ", "p310 theirs ")
    return base[:MAX_STORY_CHARS], mine, theirs


def main() -> None:
    """Print the median time of each operation in milliseconds."""
    records = demo_records()
    text = demo_markdown()
    lines = [ChartLine(records.partner(t.person_id).name, t.points)
             for t in records.trends if t.shared and t.construct == "trust"]
    base, mine, theirs = _large_story()
    rows = [
        ("draft the demo story", _median_ms(lambda: draft_story(records))),
        ("typeset the demo PDF (6 pages, chart)",
         _median_ms(lambda: story_pdf(text, lines, DEMO_TODAY))),
        (f"diff two {len(base):,}-char versions", _median_ms(lambda: diff_versions(base, mine))),
        (f"merge two {len(base):,}-char edits", _median_ms(lambda: merge(base, mine, theirs))),
        (f"typeset a {len(base):,}-char PDF", _median_ms(lambda: story_pdf(base), runs=3)),
    ]
    width = max(len(name) for name, _ in rows)
    for name, ms in rows:
        print(f"{name:<{width}}  {ms:8.1f} ms")


if __name__ == "__main__":
    main()
