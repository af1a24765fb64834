"""The stylesheet's colour pairs meet WCAG 2.2 AA contrast (4.5:1 text, 3:1 input edges)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "src/goldseam/web/core/static/goldseam/site.css"


def variables() -> dict[str, str]:
    return dict(re.findall(r"--([a-z]+):\s*(#[0-9a-f]{6})", CSS.read_text()))


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("fore", "back"), [
    ("ink", "paper"), ("muted", "paper"), ("gold", "paper"), ("error", "paper"), ("ok", "paper"),
    ("ink", "card"), ("muted", "card"), ("gold", "card"), ("error", "card"),
])
def test_text_colours_reach_4_5_to_1(fore, back):
    v = variables()
    assert contrast(v[fore], v[back]) >= 4.5


@pytest.mark.parametrize("back", ["gold", "exit", "error"])
def test_white_text_on_buttons_reaches_4_5_to_1(back):
    assert contrast("#ffffff", variables()[back]) >= 4.5


def test_input_edges_reach_3_to_1():
    edge = re.search(r"border: 1px solid (#[0-9a-f]{6})", CSS.read_text()).group(1)
    assert contrast(edge, variables()["paper"]) >= 3
