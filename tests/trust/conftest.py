"""Shared cast for the trust tests: Maya (hurt partner) and Sam (who broke trust)."""
from __future__ import annotations

import pytest

from goldseam.trust.people import Couple, Person


@pytest.fixture
def maya() -> Person:
    return Person.in_zone("maya", "Maya", "America/New_York")


@pytest.fixture
def sam() -> Person:
    return Person.in_zone("sam", "Sam", "America/New_York")


@pytest.fixture
def couple(maya: Person, sam: Person) -> Couple:
    return Couple("c1", (maya, sam))


@pytest.fixture
def outsider() -> Person:
    return Person.in_zone("olly", "Olly", "Europe/Paris")
