"""Draw a conversation as a timeline: one lane per partner, each turn coloured by its move.

matplotlib is imported here only, with the Agg backend, so the CLI starts fast and no
display is needed. Colours come from the Okabe-Ito palette, chosen to stay distinct for the
common forms of colour blindness; shapes repeat the meaning for those who see no colour.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

from goldseam.language.conversation import ConversationAnalysis
from goldseam.transcripts.wording import say

#: Okabe & Ito (2008), "Color Universal Design": vermillion, blue, grey, and a gold that
#: nods to kintsugi for the softening marks.
COLOURS = {"feeding": "#D55E00", "connecting": "#0072B2", "neutral": "#9E9E9E",
           "softening": "#E69F00"}
MARKERS = {"feeding": "v", "connecting": "^", "neutral": "o"}
#: Above this many turns a dot per message is unreadable: messages are grouped into bars.
MAX_DOTS = 150
#: Up to this many turns each dot carries the plain name of its main move.
LABELLED_DOTS = 24
BINS = 60


def _move(turn) -> str:
    if turn.feeds_cycle:
        return "feeding"
    if turn.connects:
        return "connecting"
    return "neutral"


def _move_name(turn) -> str:
    """Return the plain name of the turn's first cycle or connecting code, else neither."""
    for code in turn.codes:
        if code != "neutral":
            return textwrap.fill(say(f"code.{code}"), 11)
    return ""


def _lane_labels(result: ConversationAnalysis) -> list[str]:
    return [f"{name}\n{say(f'role.{s.role}')}" for name, s in result.speakers.items()]


def _dots(ax, result: ConversationAnalysis, lanes: dict[str, int]) -> None:
    soft = set(result.softening_turns)
    for kind in ("feeding", "connecting", "neutral"):
        xs = [t.index for t in result.turns if _move(t) == kind]
        ys = [lanes[t.speaker] for t in result.turns if _move(t) == kind]
        ax.scatter(xs, ys, s=170, c=COLOURS[kind], marker=MARKERS[kind], zorder=3,
                   edgecolors="white", linewidths=0.8, label=say(f"chart.{kind}"))
    if soft:
        xs = sorted(soft)
        ax.scatter(xs, [lanes[result.turns[i].speaker] for i in xs], s=520, facecolors="none",
                   edgecolors=COLOURS["softening"], linewidths=2.5, zorder=2,
                   label=say("chart.softening"))
        first = xs[0]
        ax.axvline(first - 0.5, color=COLOURS["softening"], linestyle="--", linewidth=1.2)
        ax.text(first - 0.4, len(lanes) - 0.45, say("chart.first_softening"),
                color="#7A5500", fontsize=9, va="top")
    if len(result.turns) <= LABELLED_DOTS:
        for t in result.turns:
            ax.text(t.index, lanes[t.speaker] - 0.24, _move_name(t), ha="center", va="top",
                    fontsize=8, color="#333333", wrap=True)
    # A faint line joins the turns in order, so the back-and-forth reads as a dance.
    ax.plot([t.index for t in result.turns], [lanes[t.speaker] for t in result.turns],
            color="#D0D0D0", linewidth=0.8, zorder=1)
    n = len(result.turns)
    ax.set_xlim(-0.8, n - 0.2)
    step = 1 if n <= 20 else 5
    # People count messages from 1; the JSON output keeps the contract's 0-based indexes.
    ax.set_xticks(range(0, n, step), [str(i + 1) for i in range(0, n, step)])
    ax.set_xlabel(say("chart.x_label"))


def _bars(ax, result: ConversationAnalysis, lanes: dict[str, int]) -> str:
    n = len(result.turns)
    size = max(1, -(-n // BINS))
    height = 0.7
    for name, lane in lanes.items():
        for b in range(0, n, size):
            chunk = [t for t in result.turns[b : b + size] if t.speaker == name]
            if not chunk:
                continue
            bottom = lane - height / 2
            for kind in ("feeding", "connecting", "neutral"):
                share = sum(_move(t) == kind for t in chunk) / len(chunk)
                ax.bar(b + size / 2, share * height, width=size * 0.9, bottom=bottom,
                       color=COLOURS[kind], label=say(f"chart.{kind}"))
                bottom += share * height
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    ax.legend(unique.values(), unique.keys(), loc="upper left",
              bbox_to_anchor=(0.0, -0.2), ncol=2, frameon=False, fontsize=10)
    if result.softening_turns:
        first = result.softening_turns[0]
        ax.axvline(first, color=COLOURS["softening"], linestyle="--", linewidth=1.5)
        ax.text(first, len(lanes) - 0.45, " " + say("chart.first_softening"),
                color="#7A5500", fontsize=9, va="top")
    ax.set_xlim(0, n)
    ax.set_xlabel(say("chart.x_label"))
    return say("chart.binned", size=size)


def draw_timeline(result: ConversationAnalysis, path: str | Path) -> Path:
    """Write the timeline chart to ``path`` (.svg or .png) and return the path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = Path(path)
    lanes = {name: len(result.speakers) - 1 - i for i, name in enumerate(result.speakers)}
    n = len(result.turns)
    width = min(18.0, max(8.0, 0.8 * n + 3)) if n <= MAX_DOTS else 14.0
    fig, ax = plt.subplots(figsize=(width, 2.2 + 1.3 * max(1, len(lanes))))
    pattern = say(f"pattern.{result.pattern}.name")
    title = "chart.title" if n <= MAX_DOTS else "chart.title_long"
    if n <= MAX_DOTS:
        _dots(ax, result, lanes)
        subtitle = say("chart.subtitle")
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.3), ncol=2, frameon=False,
                  markerscale=0.7, fontsize=10)
    else:
        subtitle = _bars(ax, result, lanes)
    ax.set_yticks(list(lanes.values()))
    ax.set_yticklabels(_lane_labels(result), fontsize=11)
    bottom = -0.9 if n <= MAX_DOTS else -0.5  # room for the move names under the dots
    ax.set_ylim(bottom, max(lanes.values(), default=0) + 0.6)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.set_title(say(title, pattern=pattern) + "\n", fontsize=14, loc="left",
                 fontweight="bold")
    ax.text(0, 1.04, subtitle, transform=ax.transAxes, fontsize=10, color="#444444")
    fig.tight_layout()
    # bbox "tight" keeps the legend below the axes inside the picture.
    fig.savefig(path, dpi=120 if path.suffix.lower() == ".png" else None, bbox_inches="tight",
                metadata={"Date": None} if path.suffix.lower() == ".svg" else None)
    plt.close(fig)
    return path
