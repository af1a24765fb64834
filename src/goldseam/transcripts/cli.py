"""`goldseam cycle`: find the negative cycle in a transcript file or in JSON Lines on stdin."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from goldseam.transcripts.errors import TranscriptError
from goldseam.transcripts.formats import FORMATS
from goldseam.transcripts.wording import say


def register(subparsers) -> None:
    """Add the ``cycle`` subcommand."""
    p = subparsers.add_parser(
        "cycle",
        help="find the pursue-withdraw cycle in a chat export or transcript",
        description="Read a conversation (WhatsApp export or its zip, 'Name: message' "
        "transcript, CSV, JSON Lines) and show its negative cycle turn by turn.",
    )
    p.add_argument("file", nargs="?", help="the transcript file")
    p.add_argument("--format", choices=FORMATS, help="the file's format (detected if omitted)")
    p.add_argument("--speakers", help="the couple's two names when more people speak: A,B")
    p.add_argument("--chart", help="also draw the conversation as a timeline (.svg or .png)")
    p.add_argument(
        "--engine",
        help="language engine: rules, semantic or ensemble (default: $GOLDSEAM_ENGINE, else "
        "rules, the fastest for long chats)",
    )
    p.add_argument("--jsonl", action="store_true",
                   help="read contract conversations on stdin, write results on stdout")
    p.add_argument("--json", action="store_true", help="print the result as JSON, not a report")
    p.set_defaults(func=run)


def _engine_problem(name: str | None) -> str | None:
    """Return why the engine ``name`` cannot be used, or None when it can."""
    if name is None:
        return None
    from goldseam.language.engines import get_engine

    try:
        get_engine(name)
    except (ValueError, RuntimeError, ImportError, OSError) as exc:
        # Unknown names, missing model files and absent optional packages all land here.
        return str(exc)
    return None


def run(args: argparse.Namespace) -> int:
    """Run the command and return its exit status."""
    from goldseam.language.engines import default_engine_name

    args.engine = args.engine or default_engine_name(bulk=True)
    problem = _engine_problem(args.engine)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if args.jsonl:
        return run_jsonl(sys.stdin, sys.stdout, engine=args.engine)
    from rich.console import Console

    err = Console(stderr=True, soft_wrap=True)  # errors stay one line, for logs and grep
    if not args.file:
        err.print(say("error.no_file"))
        return 2
    if args.chart and Path(args.chart).suffix.lower() not in (".svg", ".png"):
        err.print(say("error.chart_suffix"))
        return 2
    speakers = None
    if args.speakers:
        speakers = [s.strip() for s in args.speakers.split(",") if s.strip()]
        if len(speakers) != 2:
            err.print(say("error.speakers_format"))
            return 2
    try:
        return _run_file(args, speakers, err)
    except TranscriptError as exc:
        err.print(f"[red]{exc}[/red]", highlight=False)
        return 1


def _count_lines(path: Path) -> int | None:
    """Return the file's line count for the progress bar (None for a zip)."""
    from goldseam.transcripts.sources import is_zip

    if is_zip(path):
        return None
    with open(path, "rb") as handle:
        return sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))


def _analyse(turns, engine, speakers, total, err):
    """Analyse turns with a progress bar on a terminal (transient: it leaves no trace)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from goldseam.language.conversation import analyze_conversation

    progress = Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal,
    )
    with progress:
        task = progress.add_task(say("report.progress"), total=total)
        return analyze_conversation(
            turns, engine=engine, speakers=speakers,
            progress=lambda done: progress.update(task, completed=done),
        )


def _run_file(args, speakers, err) -> int:
    from rich.console import Console

    from goldseam.language.conversation import SpeakerError
    from goldseam.transcripts.episodes import analyze_episodes
    from goldseam.transcripts.episodes import overview as episode_overview
    from goldseam.transcripts.formats import open_transcript, speakers_in
    from goldseam.transcripts.report import render

    path = Path(args.file)
    out = Console()
    status = 0
    results = []
    for conversation in open_transcript(path, args.format):
        fmt = getattr(conversation.reader, "format", args.format or "?")
        total = _count_lines(path) if fmt != "jsonl" else None
        try:
            result = _analyse(conversation.turns, args.engine, speakers, total, err)
        except SpeakerError:
            everyone = speakers_in(path, args.format)
            err.print(say("error.speakers", path=path, count=len(everyone),
                          speakers=", ".join(everyone)), highlight=False)
            return 1
        if speakers:
            missing = [s for s in speakers if s not in result.speakers]
            if missing:
                everyone = speakers_in(path, args.format)
                err.print(say("error.unknown_speaker", name=missing[0], path=path,
                              speakers=", ".join(everyone)), highlight=False)
                return 1
        skipped = dict(getattr(conversation.reader, "skipped", {}) or {})
        episodes = analyze_episodes(result.turns)
        overview = episode_overview(episodes) if episodes else None
        results.append((conversation.id, result, fmt, skipped, overview))
    # Output only once every conversation was read: a bad line never leaves half a report.
    for ident, result, fmt, skipped, overview in results:
        if args.json:
            extra = {"episodes": overview} if overview else {}
            print(json.dumps({"id": ident, **result.to_dict(), **extra}, ensure_ascii=False))
        else:
            render(out, result, ident if len(results) > 1 else path.name, fmt, skipped,
                   overview)
        if args.chart and result.turns:
            from goldseam.transcripts.chart import draw_timeline

            target = Path(args.chart)
            if len(results) > 1:
                target = target.with_name(f"{target.stem}-{ident}{target.suffix}")
            draw_timeline(result, target)
            sys.stdout.flush()  # the report first, then the note on stderr
            err.print(say("report.chart_saved", path=target), highlight=False)
    return status


def run_jsonl(stdin, stdout, engine: str | None = None, analyzer=None) -> int:
    """Answer each contract conversation on ``stdin`` with one output object on ``stdout``.

    A line that cannot be read gets {"id", "error"}; the others go on. Returns 1 when any
    line failed, else 0.
    """
    from goldseam.language.conversation import SpeakerError, analyze_conversation
    from goldseam.transcripts.tabular import parse_conversation_line

    status = 0
    for line_no, line in enumerate(stdin, 1):
        if not line.strip():
            continue
        ident = None
        try:
            probe = json.loads(line)
            ident = probe.get("id") if isinstance(probe, dict) else None
        except json.JSONDecodeError:
            pass
        try:
            item = parse_conversation_line(line)
            result = analyze_conversation(item["turns"], engine=engine, analyzer=analyzer)
            out = {"id": ident, **result.to_dict()}
        except (ValueError, SpeakerError) as exc:
            status = 1
            out = {"id": ident, "error": f"line {line_no}: {exc}"}
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    return status
