"""The site navigation leads each person to their apps' start pages."""
from __future__ import annotations

from django.urls import reverse


def _nav(client) -> str:
    page = client.get(reverse("notes:list")).content.decode()
    return page[page.index("<nav"):page.index("</nav>")]


def test_partners_see_the_rebuild_dashboard(client_as):
    assert f'href="{reverse("rebuild:home")}"' in _nav(client_as("sophie"))


def test_therapists_see_their_dashboard_and_not_the_partners_apps(client_as):
    nav = _nav(client_as("therapist"))
    assert f'href="{reverse("therapist:home")}"' in nav
    assert f'href="{reverse("rebuild:home")}"' not in nav
