"""Benchmark the language engine: throughput, latency, cold start and peak memory.

Run: ``.venv/bin/python bench/bench_language.py [--engine rules] [--messages 10000]``

- throughput: analyze_many over N messages (the labelled corpus repeated, or the shared
  examples when no corpus is present) in this one process, pinned to one core, after
  loading; reported by wall clock and by this process's CPU time (the CPU figure is the one
  to trust on a machine shared with other work);
- p95 latency: analyze() of one message at a time, over 1,000 messages, once loaded;
- cold start: wall time of a fresh ``python -m goldseam.cli analyze "text"`` process (best of 3);
- peak memory: the resident set size high-water mark of this process (resource.getrusage).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "data" / "messages").glob("raw_*.jsonl")) or [
        Path("/work/shared/examples/utterances.jsonl")
    ]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts or ["You never listen to me."]


def cold_start(runs: int = 3) -> float:
    """Return the best wall time in seconds of a fresh single-message analyze process."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "goldseam.cli", "analyze", "You never listen to me."],
            check=True, capture_output=True,
        )
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default=None)
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    from goldseam.language import analyze, analyze_many

    base = _texts()
    texts = (base * (args.messages // len(base) + 1))[: args.messages]
    analyze_many(texts[:50], engine=args.engine)  # load model and compile patterns
    started, cpu_started = time.perf_counter(), time.process_time()
    analyze_many(texts, engine=args.engine)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    latencies = []
    for text in texts[:1000]:
        t0 = time.perf_counter()
        analyze(text, engine=args.engine)
        latencies.append((time.perf_counter() - t0) * 1000)
    p95 = statistics.quantiles(latencies, n=100)[94]
    cold = cold_start()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [
        ("throughput (msgs/s, one core, wall)", f"{len(texts) / elapsed:,.0f}", ">= 2,000"),
        ("throughput (msgs/s, CPU time)", f"{len(texts) / cpu:,.0f}", ">= 2,000"),
        ("p95 latency, one message (ms)", f"{p95:.2f}", "<= 10"),
        ("cold start of `goldseam analyze` (s)", f"{cold:.2f}", "<= 1"),
        ("peak memory, this process (MB)", f"{peak_mb:.0f}", "<= 250"),
    ]
    print(f"engine: {args.engine or os.environ.get('GOLDSEAM_ENGINE') or 'rules'}, "
          f"{len(texts):,} messages")
    print(f"{'figure':40} {'value':>10} {'target':>10}")
    for label, value, target in rows:
        print(f"{label:40} {value:>10} {target:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
