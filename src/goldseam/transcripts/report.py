"""Render a conversation analysis as a readable report for a person (rich)."""
from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from goldseam.language.conversation import ConversationAnalysis, SpeakerSummary
from goldseam.transcripts.wording import say

#: Softening turns quoted in the report; the rest are counted.
SOFTENING_SHOWN = 5


def _evidence_lines(summary: SpeakerSummary) -> list[str]:
    lines = []
    for item in summary.evidence:
        if item["kind"] == "code":
            lines.append(say("evidence.code", move=say(f"code.{item['code']}").capitalize(),
                             count=item["count"], turns=summary.turns))
        elif item["kind"] in ("quiet", "silence"):
            lines.append(say(f"evidence.{item['kind']}", count=item["count"]))
        elif item["kind"] == "quote":
            text = " / ".join(item["text"].splitlines())
            text = text if len(text) < 90 else text[:87] + "..."
            # People count messages from 1; the JSON keeps the contract's 0-based indexes.
            lines.append(say("evidence.quote", turn=item["turn"] + 1, text=text))
    return lines


def _speaker_panel(name: str, s: SpeakerSummary) -> Panel:
    frequent = ", ".join(f"{say(f'code.{c}')} ({k})" for c, k in s.top_codes()) or "-"
    body = Text()
    body.append(f"{say('report.role')}: ", style="bold")
    body.append(say(f"role.{s.role}") + "\n")
    body.append(f"{say('report.turns')}: {s.turns}   ", style="")
    body.append(f"{say('report.feeding')}: {s.cycle_share:.0%}   ")
    body.append(f"{say('report.connecting')}: {s.connecting_share:.0%}\n")
    body.append(f"{say('report.frequent')}: ", style="bold")
    body.append(frequent)
    lines = _evidence_lines(s)
    if lines:
        body.append(f"\n{say('report.evidence')}:", style="bold")
        for line in lines:
            body.append(f"\n  \u2022 {line}")
    return Panel(body, title=name, title_align="left", expand=True)


def _softening(result: ConversationAnalysis) -> Text:
    if not result.softening_turns:
        return Text(say("report.no_softening"), style="italic")
    text = Text(say("report.softening_intro") + "\n")
    for index in result.softening_turns[:SOFTENING_SHOWN]:
        turn = result.turns[index]
        text.append(f"  {say('report.message', n=index + 1)}  {turn.speaker}: ", style="bold")
        text.append("\u201c" + " / ".join(turn.quote.splitlines()) + "\u201d\n")
    hidden = len(result.softening_turns) - SOFTENING_SHOWN
    if hidden > 0:
        text.append("  " + say("report.more", count=hidden) + "\n")
    text.rstrip()
    return text


def _episodes(overview: dict) -> Text:
    from datetime import datetime

    from goldseam.transcripts.episodes import EPISODE_GAP_SECONDS

    text = Text(say("episodes.intro", count=overview["episodes"],
                    hours=EPISODE_GAP_SECONDS // 3600) + "\n")
    cycles = sum(k for p, k in overview["patterns"].items() if p != "none")
    if not cycles:
        text.append(say("episodes.none"))
        return text
    details = ", ".join(f"{say(f'pattern.{p}.name').lower()} {k}"
                        for p, k in overview["patterns"].items() if p != "none")
    text.append(say("episodes.cycles", cycles=cycles, details=details,
                    softened=overview["softened"]))
    text.append("\n" + say("episodes.heated"))
    for item in overview["heated"]:
        when = (datetime.fromisoformat(item["began"]).strftime(say("episodes.when"))
                if item["began"] else "-")
        soft = (say("episodes.softened", n=item["softening_turns"][0] + 1)
                if item["softening_turns"] else "")
        text.append("\n  \u2022 " + say("episodes.item", when=when,
                                          pattern=say(f"pattern.{item['pattern']}.name"),
                                          first=item["start"] + 1, last=item["end"],
                                          softened=soft))
    return text


def render(
    console: Console,
    result: ConversationAnalysis,
    source: str,
    fmt: str,
    skipped: dict | None = None,
    episodes: dict | None = None,
) -> None:
    """Print the report: pattern in plain words, roles with evidence, softening turns, and
    for a long timed chat its episodes (``episodes`` is episodes.overview's dict)."""
    console.rule(say("report.title", source=source))
    read = say("report.read", turns=len(result.turns), format=fmt)
    if skipped:
        read += "; " + say("report.skipped",
                           details=", ".join(f"{k} {v}" for k, v in sorted(skipped.items())))
    console.print(read, style="dim")
    noted = [t for t in result.turns if t.notes]
    if noted:
        console.print(say("report.notes", count=len(noted), example=noted[0].notes[0]),
                      style="yellow")
    if result.note == "empty":
        console.print(say("report.empty"))
        return
    if result.note == "one_speaker":
        console.print(say("report.one_speaker", speaker=next(iter(result.speakers))))
        return
    pattern = Group(
        Text(say(f"pattern.{result.pattern}.name"), style="bold"),
        Text(say(f"pattern.{result.pattern}.plain")),
    )
    console.print(Panel(pattern, title=say("report.pattern"), expand=True))
    for name, summary in result.speakers.items():
        console.print(_speaker_panel(name, summary))
    if result.pattern != "none":
        console.print(Panel(_softening(result), title=say("report.softening"), expand=True))
    if episodes and episodes["episodes"] > 1:
        console.print(Panel(_episodes(episodes), title=say("episodes.title"), expand=True))
    console.print(say("report.reminder"), style="italic")
