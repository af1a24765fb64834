"""The timeline chart draws each partner's lane, moves by colour and shape, and softening."""
from __future__ import annotations

from types import SimpleNamespace

from goldseam.language.conversation import analyze_conversation
from goldseam.transcripts.chart import COLOURS, MAX_DOTS, draw_timeline

ROWS = [("Jo", "pursuit"), ("Sam", "withdrawal"), ("Jo", "blame"), ("Sam", "withdrawal"),
        ("Jo", "vulnerable_emotion"), ("Sam", "acknowledgment")]


def _result(rows):
    turns = [{"speaker": who, "text": f"{i} {code}"} for i, (who, code) in enumerate(rows)]
    analyzer = lambda texts: [SimpleNamespace(codes=[t.split()[1]]) for t in texts]
    return analyze_conversation(turns, analyzer=analyzer)


def test_svg_has_both_lanes_legend_in_plain_words_and_softening(tmp_path):
    path = draw_timeline(_result(ROWS), tmp_path / "c.svg")
    svg = path.read_text(encoding="utf-8")
    for words in ("Jo", "Sam", "presses (pursuer)", "Builds connection", "first softening",
                  "Softening: someone in the cycle reaches out"):
        assert words in svg
    assert COLOURS["feeding"].lower() in svg.lower() and COLOURS["connecting"].lower() in svg.lower()


def test_png_is_written(tmp_path):
    path = draw_timeline(_result(ROWS), tmp_path / "c.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_long_conversation_is_drawn_as_grouped_bars(tmp_path):
    rows = ROWS * (MAX_DOTS // len(ROWS) + 20)
    svg = draw_timeline(_result(rows), tmp_path / "long.svg").read_text(encoding="utf-8")
    assert "Each bar is" in svg
