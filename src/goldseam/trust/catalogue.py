"""Words the trust library shows to people, read from ``data/wording.json``.

Keeping every sentence in one data file lets a clinician review tone without reading code.
"""
from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def _catalogue() -> dict[str, Any]:
    text = resources.files("goldseam.trust").joinpath("data/wording.json").read_text("utf-8")
    return json.loads(text)


def say(key: str, **fields: Any) -> str:
    """Return the catalogue sentence at dotted ``key`` (e.g. ``"errors.not_owner"``), filled in.

    Raises ``KeyError`` when the key is absent, so a missing sentence fails a test, not a user.
    """
    node: Any = _catalogue()
    for part in key.split("."):
        node = node[part]
    if not isinstance(node, str):
        raise KeyError(key)
    return node.format(**fields)
