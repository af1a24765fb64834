"""Rituals and settings in the web app: choosing, bad rhythms, stopping, time zones."""
from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from goldseam.web.rebuild import models as m

from .permissions.rebuild import couple_ritual

pytestmark = pytest.mark.django_db


def test_choosing_a_ritual_offers_its_first_prompt(cast, client_as):
    response = client_as("emma").post(reverse("rebuild:rituals"), {"kind": "goodnight"})
    assert response.status_code == 302
    ritual = m.Ritual.objects.get()
    assert ritual.cadence == "daily" and ritual.chosen_by == cast.emma
    page = client_as("sophie").get(reverse("rebuild:rituals")).content.decode()
    assert "Goodnight message" in page and "Today&#x27;s prompt" in page
    assert m.RitualPrompt.objects.filter(ritual=ritual).count() == 1


def test_a_rhythm_that_cannot_be_read_is_refused_and_kept(cast, client_as):
    response = client_as("emma").post(reverse("rebuild:rituals"),
                                      {"kind": "weekly_walk", "cadence": "now and then"})
    assert response.status_code == 400
    assert "now and then" in response.content.decode()
    assert not m.Ritual.objects.exists()


def test_an_unknown_ritual_is_refused(cast, client_as):
    response = client_as("emma").post(reverse("rebuild:rituals"), {"kind": "skydiving"})
    assert response.status_code == 400
    assert not m.Ritual.objects.exists()


def test_a_stopped_ritual_leaves_the_list_and_keeps_its_days(cast, client_as):
    ritual = couple_ritual(cast)
    sophie = client_as("sophie")
    sophie.post(reverse("rebuild:ritual-done", kwargs={"pk": ritual.pk}))
    assert sophie.post(reverse("rebuild:ritual-stop", kwargs={"pk": ritual.pk})).status_code == 302
    ritual.refresh_from_db()
    assert ritual.retired_on == timezone.now().date()
    assert m.RitualDone.objects.filter(ritual=ritual).count() == 1
    assert "Ten-minute talk" not in sophie.get(reverse("rebuild:rituals")).content.decode()


def test_time_zone_changes_are_kept_as_history(cast, client_as):
    emma = client_as("emma")
    for zone in ("Europe/London", "America/New_York", "America/New_York"):
        assert emma.post(reverse("rebuild:settings"),
                         {"zone": zone, "every": "fortnightly"}).status_code == 302
    assert list(m.ZoneChange.objects.filter(user=cast.emma).values_list("zone", flat=True)) == [
        "Europe/London", "America/New_York"]
    assert m.CheckInCadence.objects.get(couple=cast.couple).every == "fortnightly"


def test_a_made_up_time_zone_is_refused(cast, client_as):
    response = client_as("emma").post(reverse("rebuild:settings"),
                                      {"zone": "Mars/Olympus_Mons", "every": "weekly"})
    assert response.status_code == 400
    assert not m.ZoneChange.objects.exists()
