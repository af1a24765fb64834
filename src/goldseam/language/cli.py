"""The language engine's commands: analyze, reframe, coach, train, evaluate.

Thin over the library: each command parses, calls goldseam.language, prints. JSON Lines mode
follows the contract (shared/spec/language.md, section 4): one object per input line, in
order, ``id`` echoed, an ``error`` object for a line that cannot be read, exit status 1 when
any line failed. Heavy imports (numpy, rich) happen inside the commands that need them.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ENGINE_HELP = (
    "engine: ensemble (default where the semantic extra is installed, else rules; or "
    "$GOLDSEAM_ENGINE), rules, rules-only, semantic"
)


def register(subparsers) -> None:
    """Add the analyze, reframe, coach, train and evaluate commands."""
    p = subparsers.add_parser("analyze", help="read the codes, emotions and safety flags of text")
    p.add_argument("text", nargs="?", help="a message (omit with --jsonl)")
    p.add_argument("--jsonl", action="store_true", help="read JSON Lines on standard input")
    p.add_argument("--engine", help=ENGINE_HELP)
    p.set_defaults(func=cmd_analyze)

    p = subparsers.add_parser("reframe", help="suggest 'I felt ... when ... I need ...' wording")
    p.add_argument("text", nargs="?", help="a message (omit with --jsonl)")
    p.add_argument("--jsonl", action="store_true", help="read JSON Lines on standard input")
    p.add_argument("--engine", help=ENGINE_HELP)
    p.set_defaults(func=cmd_reframe)

    p = subparsers.add_parser("coach", help="kind feedback on a draft message")
    p.add_argument("text", help="the draft message")
    p.add_argument("--role", choices=["hurt", "repairing"], default="hurt",
                   help="hurt partner, or the partner who broke trust (default: hurt)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--engine", help=ENGINE_HELP)
    p.set_defaults(func=cmd_coach)

    p = subparsers.add_parser("train", help="train the statistical layer on data/messages")
    p.add_argument("--corpus", default="data/messages", help="folder of raw_*.jsonl")
    p.add_argument("--out", help="model file to write (default: the package's model.npz)")
    p.add_argument(
        "--engine", choices=("rules", "semantic", "ensemble"), default="rules",
        help="what to train: the rules model (default); semantic also fits the embedding heads; "
        "ensemble fits the rules model, the heads, then the stacker over both, in that order",
    )
    p.set_defaults(func=cmd_train)

    p = subparsers.add_parser("evaluate", help="score the engine on a labelled JSON Lines set")
    p.add_argument("file", nargs="?", help="labelled messages (JSON Lines)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--engine", help=ENGINE_HELP)
    p.add_argument("--baseline", choices=["vader"], help="also score a simple baseline")
    p.add_argument("--conversations", metavar="FILE", help="score conversation patterns instead")
    p.add_argument("--no-reframe", action="store_true", help="skip the reframe pass rate")
    p.set_defaults(func=cmd_evaluate)


# --- JSON Lines ------------------------------------------------------------------------------


def read_jsonl(stream) -> Iterator[tuple[object, str | None, str | None]]:
    """Yield (id, text, error) for each non-blank line of a binary stream."""
    for number, raw in enumerate(stream, 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield None, None, f"line {number}: not valid UTF-8 (byte {exc.start}); save as UTF-8"
            continue
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield None, None, f"line {number}: not valid JSON ({exc.msg}, column {exc.colno})"
            continue
        if not isinstance(row, dict):
            yield None, None, f"line {number}: expected a JSON object with 'text'"
            continue
        ident = row.get("id")
        text = row.get("text")
        if text is None:
            yield ident, None, f"line {number}: missing 'text'"
        elif not isinstance(text, str):
            yield ident, None, f"line {number}: 'text' must be a string"
        else:
            yield ident, text, None


def _stdin_bytes():
    return getattr(sys.stdin, "buffer", None) or (s.encode("utf-8") for s in sys.stdin)


def _emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _with_id(ident, body: dict) -> dict:
    out = {"id": ident} if ident is not None else {}
    out.update(body)
    return out


def _run_jsonl(engine_name: str | None, body_of) -> int:
    """Read lines, answer each through ``body_of(engine, text) -> dict``; return the status."""
    from goldseam.language.engines import get_engine

    engine = get_engine(engine_name)
    status = 0
    batch: list[tuple[object, str]] = []

    def flush() -> int:
        bad = 0
        for ident, body in body_of(engine, batch):
            if "error" in body:
                bad = 1
            _emit(_with_id(ident, body))
        batch.clear()
        return bad

    for ident, text, error in read_jsonl(_stdin_bytes()):
        if error is not None:
            status |= flush()
            _emit(_with_id(ident, {"error": error}))
            status = 1
            continue
        batch.append((ident, text))
        if len(batch) >= 512:
            status |= flush()
    status |= flush()
    sys.stdout.flush()
    return status


def _analyze_bodies(engine, batch):
    analyses = engine.analyze_many([t for _, t in batch])
    return [(ident, a.to_dict()) for (ident, _), a in zip(batch, analyses)]


def _suggest(engine, text: str) -> list[str]:
    """Return the engine's own reframes where it has them (semantic, ensemble), else the rules'."""
    if hasattr(engine, "reframe"):
        return engine.reframe(text)
    from goldseam.language.reframing import reframe_with

    return reframe_with(text, engine.analyze)


def _reframe_bodies(engine, batch):
    out = []
    for ident, text in batch:
        analysis = engine.analyze(text)
        if analysis.error is not None:
            out.append((ident, {"error": analysis.error}))
            continue
        body: dict = {"suggestions": _suggest(engine, text)}
        if analysis.warnings:
            body["warnings"] = list(analysis.warnings)
        out.append((ident, body))
    return out


# --- commands --------------------------------------------------------------------------------


def _need_text(args) -> str | None:
    if args.jsonl:
        return None
    if args.text is None:
        print("give a message in quotes, or --jsonl to read JSON Lines on stdin", file=sys.stderr)
        return ""
    return args.text


def cmd_analyze(args: argparse.Namespace) -> int:
    """Analyse one message (readable report) or JSON Lines on stdin."""
    try:
        if args.jsonl:
            return _run_jsonl(args.engine, _analyze_bodies)
        text = _need_text(args)
        if not text:
            return 2
        from goldseam.language.engines import get_engine

        analysis = get_engine(args.engine).analyze(text)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if analysis.error is not None:
        print(f"cannot read this message: {analysis.error}", file=sys.stderr)
        return 1
    from goldseam.language.report import print_analysis

    print_analysis(text, analysis)
    return 0


def cmd_reframe(args: argparse.Namespace) -> int:
    """Suggest reframes for one message or for JSON Lines on stdin."""
    try:
        if args.jsonl:
            return _run_jsonl(args.engine, _reframe_bodies)
        text = _need_text(args)
        if not text:
            return 2
        from goldseam.language.engines import get_engine

        engine = get_engine(args.engine)
        analysis = engine.analyze(text)
        if analysis.error is not None:
            print(f"cannot read this message: {analysis.error}", file=sys.stderr)
            return 1
        suggestions = _suggest(engine, text)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if not suggestions:
        print("This message does not seem to need a reframe.")
    for number, suggestion in enumerate(suggestions, 1):
        print(f"{number}. {suggestion}")
    return 0


def cmd_coach(args: argparse.Namespace) -> int:
    """Print the coach's feedback on one draft."""
    from goldseam.language import coach

    try:
        feedback = coach(args.text, args.role, engine=args.engine)
    except ValueError as exc:
        print(f"cannot coach this message: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(feedback.to_dict(), ensure_ascii=False, indent=2))
        return 0
    from goldseam.language.report import print_coaching

    print_coaching(feedback)
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    """Train the statistical layer and print where the model went."""
    from goldseam.language.train import load_splits_module, train

    try:
        if args.out is None:
            # The safety layers read data/messages/train.jsonl: write it from the raw corpus
            # first, so that every layer trains on the same split.
            load_splits_module(Path(args.corpus)).main()
        summary = train(args.corpus, args.out)
    except (OSError, ValueError) as exc:
        print(f"cannot train: {exc}", file=sys.stderr)
        return 1
    print(f"trained on {summary['messages']} messages (corpus sha256 {summary['corpus_sha256']})")
    print(f"wrote {summary['path']} (sha256 {summary['sha256']})")
    print(f"cross-validated macro-F1 on the train split: {summary['cv_macro_f1']:.3f}")
    # The safety layers train on data/safety's training files and the codes corpus's train
    # split (as negatives), so they follow the same corpus; only when --out leaves the shipped
    # model alone do they stay untouched too.
    root = Path(args.corpus).resolve().parent.parent
    if args.out is None:
        from goldseam.language import safety

        safety_report = safety.train_model(root, safety.model_path())
        print(f"safety model: cross-validated recall {_recalls(safety_report)}")
    if args.engine == "rules":
        return 0
    if args.out is not None:
        print("--out writes the rules model only: the semantic layers, the encoder adapter and "
              "the safety heads are trained together into the package (drop --out)",
              file=sys.stderr)
        return 2
    # The heads and the stacker read the same raw files; the stacker must follow the rules
    # model it stacks on, so the order is fixed.
    from goldseam.language import ensemble, semantic, semantic_safety

    paths = sorted(Path(args.corpus).glob("raw_*.jsonl"))
    try:
        heads = semantic.train_semantic(
            paths, safety_root=root, log=lambda line: print(line, flush=True)
        )
    except (OSError, ValueError) as exc:
        print(f"cannot train: {exc}", file=sys.stderr)
        return 1
    semantic_oof, folds, rows = heads.pop("oof"), heads.pop("folds"), heads.pop("safety_rows")
    print(f"semantic heads: {heads}")
    # GOLDSEAM_TRAIN_DUMP names a folder for the out-of-fold inputs of the stacker and the
    # safety thresholds, to study other combinations without retraining the layers.
    dump = os.environ.get("GOLDSEAM_TRAIN_DUMP")
    dump_dir = Path(dump) if dump else None
    if dump_dir is not None:
        dump_dir.mkdir(parents=True, exist_ok=True)
    safety_heads = semantic_safety.train(
        root, folds=folds, rows=rows, dump=dump_dir / "safety_oof.npz" if dump_dir else None
    )
    print(f"safety heads: cross-validated recall {_recalls(safety_heads)}")
    if args.engine == "ensemble":
        stacker = ensemble.train_ensemble(
            paths, semantic_oof=semantic_oof,
            dump=dump_dir / "stacker_oof.npz" if dump_dir else None,
        )
        print(f"ensemble stacker: {stacker}")
    return 0


def _recalls(report: dict) -> str:
    return ", ".join(f"{flag} {figures['cv_recall']}" for flag, figures in report.items())


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Score an engine (and optionally a baseline) on a labelled set."""
    if args.conversations:
        from goldseam.language.conversation import evaluate_conversations

        result = evaluate_conversations(args.conversations, engine=args.engine)
        from goldseam.language.report import print_dict

        if args.json:
            print(json.dumps(result, indent=2, ensure_ascii=False))
        else:
            print_dict("conversations", result)
        return 0
    if not args.file:
        print("give a labelled JSON Lines file, or --conversations FILE", file=sys.stderr)
        return 2
    from goldseam.language.engines import get_engine
    from goldseam.language.evaluate import evaluate_rows, read_labelled

    try:
        rows = read_labelled(args.file)
        engine = get_engine(args.engine)
    except (OSError, ValueError) as exc:
        print(f"cannot evaluate: {exc}", file=sys.stderr)
        return 1
    reports = {}
    reports[engine.name] = evaluate_rows(
        rows, engine.analyze_many,
        None if args.no_reframe else (lambda t: _suggest(engine, t)),
        engine.analyze,
    )
    if args.baseline == "vader":
        from goldseam.language.baseline import VaderBaseline

        base = VaderBaseline()
        reports["vader"] = evaluate_rows(rows, base.analyze_many)
    if args.json:
        print(json.dumps(reports, indent=2))
    else:
        from goldseam.language.report import print_evaluation

        print_evaluation(reports)
    return 0
