"""The permission table: one row per URL pattern and method, saying what each actor gets.

Each module here exports ``ROWS``, a list of ``Row``. ``tests/web/test_permissions.py`` runs every
row for every actor of the cast (tests/web/conftest.py) and fails when a URL pattern of the
project has no row. To add rows for your app, create ``tests/web/permissions/<app>.py``:

    from tests.web.permissions import Row, expect

    ROWS = [
        Row("journey:statement", "GET", lambda c: {"pk": c.sophie_shared.pk},
            expect(sophie=200, emma=200, therapist=200, stranger_therapist=404,
                   outsider=404, anon=302)),
    ]

``expect`` needs a status for every actor; ``partners``/``therapists`` fill pairs.
"""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

_KNOWN_OPTIONAL = ("journey", "rebuild", "story", "therapist", "api")
ACTORS = ("sophie", "emma", "therapist", "stranger_therapist", "outsider", "anon")


@dataclass(frozen=True)
class Row:
    """One URL name and method, how to build its arguments from the cast, and the outcomes."""

    url_name: str
    method: str
    kwargs: Callable = field(default=lambda cast: {})
    expected: dict = field(default_factory=dict)
    data: Callable = field(default=lambda cast: {})
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.url_name}-{self.method}{'-' + self.label if self.label else ''}"


def expect(*, partners: int | None = None, therapists: int | None = None, **statuses) -> dict:
    """Return the actor -> status map; refuse a map that leaves an actor out."""
    if partners is not None:
        statuses.setdefault("sophie", partners)
        statuses.setdefault("emma", partners)
    if therapists is not None:
        statuses.setdefault("therapist", therapists)
        statuses.setdefault("stranger_therapist", therapists)
    missing = set(ACTORS) - set(statuses)
    if missing or set(statuses) - set(ACTORS):
        raise ValueError(f"expected statuses for exactly {ACTORS}; missing {sorted(missing)}")
    return statuses


def all_rows() -> list[Row]:
    """Return the rows of every module in this package."""
    from django.conf import settings

    rows: list[Row] = []
    for info in pkgutil.iter_modules(__path__):
        # An optional app switched off by GOLDSEAM_OPTIONAL_APPS has no URLs to check.
        if (info.name in settings.OPTIONAL_APPS or info.name in _KNOWN_OPTIONAL) and (
            f"goldseam.web.{info.name}" not in settings.INSTALLED_APPS
        ):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        rows.extend(getattr(module, "ROWS", []))
    return rows
