"""Shared records for the story tests: the demo couple and a couple with nothing shared."""
from __future__ import annotations

from datetime import date

import pytest

from goldseam.story.demo import EMMA, SOPHIE, demo_records
from goldseam.story.records import StoryRecords


@pytest.fixture
def demo() -> StoryRecords:
    return demo_records()


@pytest.fixture
def empty() -> StoryRecords:
    return StoryRecords(partners=(SOPHIE, EMMA), hurt_id=SOPHIE.id, today=date(2026, 6, 1))
