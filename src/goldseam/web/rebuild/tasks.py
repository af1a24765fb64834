"""Celery task for reminders, found by ``app.autodiscover_tasks()`` once a Celery app exists.

The beat entry belongs beside the app (``goldseam/web/celery.py``, not written yet):
``app.conf.beat_schedule = {"remind": {"task": REMIND_TASK, "schedule": 300.0}}``. Running it
every five minutes is safe because ``send_due`` never sends the same reminder twice.
"""
from __future__ import annotations

from celery import shared_task

#: The task's registered name, for the beat schedule.
REMIND_TASK = "goldseam.remind"


@shared_task(name=REMIND_TASK, ignore_result=True)
def remind() -> int:
    """Send what is due now (see ``goldseam.web.reminders.send_due``); return how many."""
    from goldseam.web.reminders import send_due

    return send_due()
