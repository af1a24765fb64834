"""Review: nothing of a private draft reaches the other partner or the therapist, not even a
milestone derived from its words."""
from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from goldseam.web.core.wording import say
from goldseam.web.journey.models import JourneyEvent, Statement

from .permissions.journey import make_injury

ANGRY = "I am furious and disgusted with you. You make me so angry."
SOFT = "I felt scared and so alone, and deeply hurt when I found the messages."


def _sophie_drafts_privately(cast, client_as, injury):
    client = client_as("sophie")
    url = reverse("journey:statement", args=[injury.pk])
    for words in (ANGRY, SOFT):
        response = client.post(url, {"what_happened": words, "impact": words, "action": "save"})
        assert response.status_code == 302
    statement = Statement.objects.get(injury=injury, owner=cast.sophie)
    assert statement.shared_at is None


def test_private_draft_is_not_on_the_partners_statement_page(cast, client_as):
    injury = make_injury(cast)
    _sophie_drafts_privately(cast, client_as, injury)
    page = client_as("emma").get(reverse("journey:statement", args=[injury.pk]))
    assert SOFT not in page.content.decode()


@pytest.mark.parametrize("reader", ["emma", "therapist"])
def test_private_draft_marks_no_milestone_others_see(cast, client_as, reader):
    injury = make_injury(cast)
    _sophie_drafts_privately(cast, client_as, injury)
    softened = escape(say("journey.event_first_softening", name=cast.sophie.display_name))
    url = (reverse("journey:injury", args=[injury.pk]) if reader == "emma"
           else reverse("therapist:couple", args=[cast.couple.pk]))
    assert softened not in client_as(reader).get(url).content.decode()
    assert not JourneyEvent.objects.filter(injury=injury, kind="first_softening").exists()

