"""Run the permission table (tests/web/permissions/) for every actor of the cast."""
from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .permissions import ACTORS, all_rows

ROWS = all_rows()


def url_names(patterns=None, namespace: str = "") -> set[str]:
    """Return every named URL pattern of the project as "namespace:name"."""
    names: set[str] = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            names.add(f"{namespace}{entry.name}" if entry.name else f"{namespace}<unnamed "
                      f"{entry.pattern}>")
    return names


def test_every_url_pattern_has_a_row_in_the_permission_table():
    covered = {row.url_name for row in ROWS}
    missing = sorted(url_names() - covered)
    assert not missing, f"add rows to tests/web/permissions/<app>.py for: {missing}"


def test_no_row_names_a_url_that_does_not_exist():
    assert {row.url_name for row in ROWS} <= url_names()


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.id)
def test_permission_table(row, actor, cast, client_as):
    client = client_as(actor)
    url = reverse(row.url_name, kwargs=row.kwargs(cast))
    if row.method == "GET":
        response = client.get(url)
    elif row.method == "POST":
        response = client.post(url, row.data(cast))
    else:
        response = client.generic(row.method, url)
    assert response.status_code == row.expected[actor], (
        f"{actor} {row.method} {url}: got {response.status_code}, "
        f"expected {row.expected[actor]}"
    )


def test_methods_left_out_of_the_table_are_refused(cast, client_as):
    """A view must refuse (405, or 404) any of GET/POST that the table has no row for.

    Rows are grouped by the URL they produce, so an API path whose GET and POST are two named
    operations counts as covered for both. The probing actor is one the listed row lets
    through, so the request reaches the method check rather than an access check.
    """
    by_url: dict[str, list] = {}
    for row in ROWS:
        by_url.setdefault(reverse(row.url_name, kwargs=row.kwargs(cast)), []).append(row)
    problems = []
    for url, rows in sorted(by_url.items()):
        listed = {r.method for r in rows}
        for method in ("GET", "POST"):
            if method in listed:
                continue
            row = rows[0]
            # Anonymous visitors only count on public pages: elsewhere they are sent to sign in
            # before any method check.
            actor = next((a for a in ACTORS if a != "anon" and 200 <= row.expected[a] < 400),
                         "anon" if row.expected["anon"] == 200 else None)
            if actor is None:
                continue  # nobody gets past the access check, so the method is never reached
            client = client_as(actor)
            response = client.get(url) if method == "GET" else client.post(url, {})
            if response.status_code not in (404, 405):  # refused either way
                problems.append(f"{row.url_name} {method} -> {response.status_code} for {actor}")
    assert not problems, "add rows to tests/web/permissions/ (or refuse the method): " + \
        "; ".join(problems)
