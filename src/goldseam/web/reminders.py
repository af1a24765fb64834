"""Send what is due (check-ins, commitment days, confirmations, rituals): ``goldseam remind``.

Run from cron or Celery beat every few minutes. ``goldseam.trust.due_reminders`` says what is due
with a stable key per reminder (the thing and its due date, never the time of the run); a key
is written to ``ReminderSent`` before anything goes out, under a unique constraint, so two runs,
or two workers, never send the same reminder twice. The app shows due items on the rebuild
dashboard whether or not mail is configured; e-mail goes out only where the operator configured
a real mail backend and the person has an address.
"""
from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from goldseam.web.couples.models import Couple
from goldseam.web.rebuild import models as m
from goldseam.web.rebuild.state import load
from goldseam.web.rebuild.today import offer_prompt, reminders

log = logging.getLogger(__name__)

#: Backends that only print or drop mail: with these, reminders stay in the app.
NOT_MAIL = (
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
)


def mail_configured() -> bool:
    """Say whether the operator configured a backend that actually delivers mail."""
    return settings.EMAIL_BACKEND not in NOT_MAIL


def send_due(now: datetime | None = None) -> int:
    """Record and send every reminder due at ``now`` for every couple; return how many were new.

    A reminder already recorded is skipped. Mail that fails to send is un-recorded so the next
    run tries again; a recorded reminder is never sent a second time.
    """
    now = now or timezone.now()
    mail = mail_configured()
    sent = 0
    couples = Couple.objects.filter(memberships__isnull=False).distinct()
    for couple in couples:
        try:
            sent += _send_for_couple(couple, now, mail)
        except Exception:
            # One couple's broken record must not keep everyone else's reminders back.
            log.exception("reminders for couple %s failed", couple.pk)
    return sent


def _send_for_couple(couple, now: datetime, mail: bool) -> int:
    partners = {str(u.pk): u for u in couple.partners()}
    if len(partners) != 2:
        return 0
    first = next(iter(partners.values()))
    # Loading as one partner reads both partners' shared records, which is all reminders
    # need (private notes are never loaded).
    state = load(first, couple, audit=False)
    paused = couple.joint_work_state() == "paused"
    sent = 0
    for reminder in reminders(state, now, paused):
        if reminder.kind == "ritual":
            # Log the prompt the reminder carries, so the app shows the same one today and
            # the chooser does not offer it again within a month.
            offer_prompt(state, state.ritual_rows[reminder.subject_id],
                         datetime.fromisoformat(reminder.due).date())
        if _send(partners[reminder.person_id], reminder, mail):
            sent += 1
    return sent


def _send(user, reminder, mail: bool) -> bool:
    try:
        with transaction.atomic():
            record = m.ReminderSent.objects.create(key=reminder.key, person=user,
                                                   kind=reminder.kind)
    except IntegrityError:
        return False  # sent by an earlier run
    if mail and user.email:
        from goldseam.web.core.wording import say

        body = "\n\n".join([say("rebuild.mail_intro", name=str(user)), reminder.text,
                            say("rebuild.mail_outro")])
        try:
            send_mail(say("rebuild.mail_subject"), body, None, [user.email])
        except Exception:
            # Nothing went out, so nothing may be marked as sent: the next run retries. One
            # refused address must not hold back everyone else's reminders.
            log.exception("reminder %s could not be e-mailed; will retry", reminder.key)
            record.delete()
            return False
        record.emailed = True
        record.save(update_fields=["emailed"])
    return True
