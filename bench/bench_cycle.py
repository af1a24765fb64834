"""Time `goldseam cycle` on a generated 100,000-message WhatsApp export, on one core.

Usage: python bench/bench_cycle.py [--messages 100000] [--engine NAME] [--chart]

Prints wall time, CPU time, messages per second and peak resident memory (ru_maxrss) as
JSON; on a machine shared with other work, CPU time is what one free core would take. Run
it in a fresh process so that peak memory is this run's: it pins BLAS/torch threads to one
and, where the OS allows, the process to one CPU core. Target (issue 4): <= 60 s and
<= 500 MB with the default engine.
"""
from __future__ import annotations

import os

# One core, set before numpy/torch load their thread pools.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_whatsapp_export import write_export


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--engine", default=None, help="default: GOLDSEAM_ENGINE or the default")
    parser.add_argument("--chart", action="store_true", help="also draw the chart (PNG)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass

    from goldseam.language.conversation import analyze_conversation
    from goldseam.transcripts import open_transcript
    from goldseam.transcripts.episodes import analyze_episodes

    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "WhatsApp Chat with Alex.txt"
        write_export(str(export), args.messages, seed=7)
        size_mb = export.stat().st_size / 2**20
        start, cpu_start = time.perf_counter(), time.process_time()
        conversation = next(open_transcript(export))
        result = analyze_conversation(conversation.turns, engine=args.engine)
        episodes = analyze_episodes(result.turns)  # the cycle command reads episodes too
        analysed = time.perf_counter() - start
        analysed_cpu = time.process_time() - cpu_start
        if args.chart:
            from goldseam.transcripts.chart import draw_timeline

            draw_timeline(result, Path(tmp) / "chart.png")
        total = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({
        "messages_in_file": args.messages,
        "turns_analysed": len(result.turns),
        "file_mb": round(size_mb, 1),
        "engine": args.engine or os.environ.get("GOLDSEAM_ENGINE", "default"),
        "seconds_analysis": round(analysed, 2),
        # CPU seconds of this process: on a shared machine, the time one free core would take.
        "cpu_seconds_analysis": round(analysed_cpu, 2),
        "seconds_total": round(total, 2),
        "messages_per_second": round(len(result.turns) / analysed),
        "peak_rss_mb": round(peak_mb),
        "episodes": len(episodes),
        "pattern": result.pattern,
        "roles": result.roles,
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
