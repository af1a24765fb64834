"""Read the words the story shows to people from ``data/wording.toml``.

Connecting sentences have several variants per slot; ``pick`` chooses one from a seed (the
couple's names), so a couple's draft reads the same every time it is drafted and two couples
do not get identical stories.
"""
from __future__ import annotations

import hashlib
import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def catalogue() -> dict[str, Any]:
    """Return the parsed catalogue."""
    raw = resources.files("goldseam.story").joinpath("data/wording.toml").read_text("utf-8")
    return tomllib.loads(raw)


def _node(key: str) -> Any:
    node: Any = catalogue()
    for part in key.split("."):
        node = node[part]
    return node


def say(key: str, **fields: object) -> str:
    """Return the sentence at dotted ``key``, filled in; raise ``KeyError`` when it is absent."""
    node = _node(key)
    if not isinstance(node, str):
        raise KeyError(key)
    return node.format(**fields)


def pick(key: str, seed: str, **fields: object) -> str:
    """Return one variant of the slot at dotted ``key``, chosen from ``seed``, filled in.

    A slot holding a single string is that string. The choice depends only on ``seed`` and
    ``key``, so it is stable across runs and processes (no ``hash()`` randomisation).
    """
    node = _node(key)
    variants = [node] if isinstance(node, str) else list(node)
    if not variants:
        raise KeyError(key)
    digest = hashlib.sha256(f"{seed}\x00{key}".encode()).digest()
    return variants[int.from_bytes(digest[:4], "big") % len(variants)].format(**fields)
