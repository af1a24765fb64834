"""Load the catalogue of words `goldseam cycle` shows (data/catalogue.toml)."""
from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources


@cache
def catalogue() -> dict:
    """Return the parsed catalogue, read once."""
    text = resources.files("goldseam.transcripts").joinpath("data/catalogue.toml").read_text(
        encoding="utf-8"
    )
    return tomllib.loads(text)


def say(key: str, **values: object) -> str:
    """Return the catalogue text at dotted ``key`` ("report.title"), filled with ``values``."""
    node: object = catalogue()
    for part in key.split("."):
        node = node[part]  # type: ignore[index]
    return str(node).format(**values)
