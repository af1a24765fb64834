"""Every sentence people read is in the catalogue and fills in cleanly."""
from __future__ import annotations

import json
import string
from importlib import resources

import pytest

from goldseam.trust.catalogue import say

CATALOGUE = json.loads(
    resources.files("goldseam.trust").joinpath("data/wording.json").read_text("utf-8")
)
KEYS = [
    f"{section}.{key}"
    for section, entries in CATALOGUE.items() if isinstance(entries, dict)
    for key in entries
]


@pytest.mark.parametrize("key", KEYS)
def test_every_sentence_formats_and_reads_as_a_sentence(key):
    fields = {name for _, name, _, _ in string.Formatter().parse(_raw(key)) if name}
    text = say(key, **{name: "X" for name in fields})
    assert text.strip() == text and text


def _raw(key):
    section, name = key.split(".")
    return CATALOGUE[section][name]


def test_a_missing_key_fails_loudly():
    with pytest.raises(KeyError):
        say("errors.no_such_sentence")
