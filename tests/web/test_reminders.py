"""goldseam remind: what is due goes out once, by mail only where mail is configured."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from goldseam.web.couples.models import SafetyCheck
from goldseam.web.rebuild import models as m
from goldseam.web.reminders import send_due

from .conftest import raise_concern
from .permissions.rebuild import couple_ritual, make_commitment

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 7, 2, 12, tzinfo=UTC)


@pytest.fixture
def due_things(cast):
    """A commitment of Sophie's due today, and a check-in due for both (never done)."""
    with time_machine.travel(NOON, tick=False):
        make_commitment(cast.sophie, cast.couple, days_ago=2)
    m.CheckInCadence.objects.create(couple=cast.couple, start=date(2026, 6, 30))
    return cast


def test_running_twice_sends_each_reminder_once(due_things, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(NOON, tick=False):
        first = send_due()
        second = send_due()
    assert first == 3  # Sophie's check-in and today's commitment; Emma's check-in
    assert second == 0
    assert len(mail.outbox) == 3
    assert sorted(message.to[0] for message in mail.outbox) == [
        "emma@example.org", "sophie@example.org", "sophie@example.org"]
    assert m.ReminderSent.objects.filter(emailed=True).count() == 3


def test_the_next_day_brings_only_the_next_days_reminder(due_things, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(NOON, tick=False):
        send_due()
    with time_machine.travel(NOON + timedelta(days=1), tick=False):
        assert send_due() == 1  # tomorrow's occurrence; the check-ins were reminded already
    assert len(mail.outbox) == 4


def test_without_configured_mail_reminders_stay_in_the_app(due_things, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    with time_machine.travel(NOON, tick=False):
        assert send_due() == 3
    assert not mail.outbox
    assert not m.ReminderSent.objects.filter(emailed=True).exists()


def test_nobody_is_reminded_in_the_night(due_things, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(datetime(2026, 7, 2, 3, tzinfo=UTC), tick=False):
        assert send_due() == 0
    assert not mail.outbox


def test_a_paused_couple_gets_only_their_private_check_in_reminders(due_things, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    raise_concern(SafetyCheck.objects.filter(user=due_things.emma))
    with time_machine.travel(NOON, tick=False):
        assert send_due() == 2
    assert set(m.ReminderSent.objects.values_list("kind", flat=True)) == {"checkin"}


def test_a_failed_mail_is_retried_on_the_next_run(due_things, settings, monkeypatch):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from goldseam.web import reminders

    def refuse(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(reminders, "send_mail", refuse)
    with time_machine.travel(NOON, tick=False):
        assert send_due() == 0
    assert not m.ReminderSent.objects.exists()
    monkeypatch.undo()
    with time_machine.travel(NOON, tick=False):
        assert send_due() == 3


def test_a_ritual_reminder_logs_its_prompt_so_the_app_shows_the_same_one(cast, client_as,
                                                                         settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ritual = couple_ritual(cast)
    with time_machine.travel(datetime.now(UTC).replace(hour=12), tick=False):
        send_due()
        logged = m.RitualPrompt.objects.get(ritual=ritual)
        page = client_as("sophie").get("/rebuild/rituals/").content.decode()
    from goldseam.trust.rituals import prompts

    text = next(p.text for p in prompts() if p.id == logged.prompt_id)
    assert any(text[:30] in message.body for message in mail.outbox)
    from django.utils.html import escape

    assert escape(text) in page


def test_the_celery_task_sends_what_is_due_once(due_things, settings):
    from goldseam.web.rebuild.tasks import remind

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(NOON, tick=False):
        assert remind() == 3
        assert remind() == 0
