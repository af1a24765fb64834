"""Every catalogue key a template or module names exists (Django templates render a typo blank)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from goldseam.web.core.wording import WORDS, say

WEB = Path(__file__).resolve().parents[2] / "src/goldseam/web"
TEMPLATE_KEY = re.compile(r"\bW\.([a-z_]+)\.([a-z_0-9]+)")
TAG_KEY = re.compile(r"""\{%\s*w\s+["']([a-z_]+)\.([a-z_0-9]+)["']""")
SAY_KEY = re.compile(r"""\bsay\(\s*f?["']([a-z_]+)\.([a-z_0-9]+)["']""")


def used_keys() -> set[tuple[str, str, str]]:
    found = set()
    for path in WEB.rglob("*"):
        if path.suffix not in {".html", ".py", ".txt"} or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        patterns = (TEMPLATE_KEY, TAG_KEY) if path.suffix != ".py" else (SAY_KEY,)
        for pattern in patterns:
            for section, name in pattern.findall(text):
                found.add((str(path.relative_to(WEB)), section, name))
    return found


def test_the_scan_finds_keys():
    assert len(used_keys()) > 100


def test_every_named_key_exists_in_the_catalogue():
    missing = sorted(f"{where}: {section}.{name}" for where, section, name in used_keys()
                     if name not in WORDS.get(section, {}))
    assert not missing, missing


def test_unknown_key_raises_rather_than_showing_blank():
    with pytest.raises(KeyError):
        say("nav.no_such_key")


def test_placeholders_are_filled():
    assert say("couples.partner_is", name="Emma") == "You share this space with Emma."
