"""Readable reports for a person, printed with rich: analyses, coaching and evaluations."""
from __future__ import annotations

from goldseam.language.coaching import Coaching
from goldseam.language.types import CODES, CYCLE_CODES, Analysis

_STYLE = {code: "bold red" for code in CYCLE_CODES}


def _console(width: int | None = None):
    from rich.console import Console

    return Console(highlight=False, width=width)


def print_analysis(text: str, analysis: Analysis) -> None:
    """Print one message with its triggers highlighted, its codes, emotions and flags."""
    from rich.text import Text

    console = _console()
    shown = Text(text)
    for span in analysis.spans:
        shown.stylize(_STYLE.get(span.code, "bold green"), span.start, span.end)
    console.print(shown)
    console.print(f"codes: {', '.join(analysis.codes)}")
    if analysis.emotions:
        emotions = ", ".join(f"{e.emotion} ({e.kind})" for e in analysis.emotions)
        console.print(f"emotions: {emotions}")
    for span in analysis.spans:
        words = text[span.start : span.end]
        console.print(f"  {span.code:<20} {span.start:>4}-{span.end:<4} {words!r}")
    if analysis.safety:
        console.print(f"[bold]safety: {', '.join(analysis.safety)}[/bold]")
    for warning in analysis.warnings:
        console.print(f"warning: {warning}")


def print_coaching(feedback: Coaching) -> None:
    """Print the coach's feedback as short paragraphs."""
    from goldseam.language.coaching import catalogue

    console = _console()
    console.print(feedback.summary)
    for note in feedback.concerns:
        console.print(f"- {note.text}")
    for note in feedback.working:
        console.print(f"+ {note.text}")
    if feedback.emotion_note:
        console.print(feedback.emotion_note)
    if feedback.reframes:
        console.print(catalogue()["reframes"]["intro"])
        for suggestion in feedback.reframes:
            console.print(f"  \u201c{suggestion}\u201d")
    if feedback.guidance:
        console.print(feedback.guidance)
    console.print(feedback.next_step)


def print_evaluation(reports: dict[str, dict]) -> None:
    """Print per-code P/R/F1 and the summary figures, one column group per engine."""
    from rich.table import Table

    names = list(reports)
    console = _console(width=max(100, 30 + 26 * len(names)))
    table = Table(title="per-code precision / recall / F1")
    table.add_column("code")
    for name in names:
        table.add_column(f"{name} P", justify="right")
        table.add_column(f"{name} R", justify="right")
        table.add_column(f"{name} F1", justify="right")
    table.add_column("support", justify="right")
    for code in CODES:
        row = [code]
        for name in names:
            c = reports[name]["codes"]["per_code"][code]
            row += [f"{c['precision']:.2f}", f"{c['recall']:.2f}", f"{c['f1']:.2f}"]
        row.append(str(reports[names[0]]["codes"]["per_code"][code]["support"]))
        table.add_row(*row)
    console.print(table)
    summary = Table(title="summary")
    summary.add_column("figure")
    for name in names:
        summary.add_column(name, justify="right")
    figures = [
        ("macro-F1 (13 codes)", lambda r: r["codes"]["macro_f1"]),
        ("cycle-feeding accuracy", lambda r: r["codes"]["cycle_accuracy"]),
        ("exact match", lambda r: r["codes"]["exact_match"]),
        ("emotion F1", lambda r: r.get("emotions", {}).get("f1")),
        ("reframe pass rate", lambda r: r.get("reframe", {}).get("pass_rate")),
        ("safety false alarms", lambda r: r.get("safety", {}).get("false_alarm")),
    ]
    for flag in ("self_harm", "violence", "coercion"):
        figures.append(
            (
                f"safety recall {flag}",
                lambda r, f=flag: r.get("safety", {}).get("recall", {}).get(f),
            )
        )
    for label, get in figures:
        values = [get(reports[n]) for n in names]
        if all(v is None for v in values):
            continue
        summary.add_row(label, *("-" if v is None else f"{v:.3f}" for v in values))
    summary.add_row("messages", *(str(reports[n]["messages"]) for n in names))
    console.print(summary)


def print_dict(title: str, data: dict) -> None:
    """Print a flat or nested dict of figures as a two-column table."""
    from rich.table import Table

    table = Table(title=title)
    table.add_column("figure")
    table.add_column("value", justify="right")

    def walk(prefix: str, value) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
        elif isinstance(value, float):
            table.add_row(prefix, f"{value:.3f}")
        else:
            table.add_row(prefix, str(value))

    walk("", data)
    _console().print(table)
