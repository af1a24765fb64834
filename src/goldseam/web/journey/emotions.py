"""Load the emotion picker's words: primary emotions first, each with a plain description."""
from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "emotion_picker.toml"


@cache
def picker() -> dict[str, list[dict[str, str]]]:
    """Return {"primary": [...], "secondary": [...]}, each item {"word", "about"}, in file order."""
    with DATA.open("rb") as handle:
        data = tomllib.load(handle)
    return {"primary": list(data["primary"]), "secondary": list(data["secondary"])}
