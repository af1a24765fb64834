"""The Celery app: a Redis broker where ``CELERY_BROKER_URL`` is set, else tasks run inline.

On a laptop there is no broker: ``.delay()`` runs the task at once in the calling process
(eager mode), so the same code works with nothing else installed. A practice sets
``CELERY_BROKER_URL=redis://...`` and runs ``celery -A goldseam.web.celery worker`` and
``... beat`` (deploy/). Tasks are acknowledged only after they finish (``acks_late``) and
re-queued when a worker dies mid-task, so a job is never lost; each task is idempotent by its
key (goldseam.web.tasks), so a job run twice has one effect.
"""
from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldseam.web.settings")

BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
#: Seconds after which Redis re-delivers a task whose worker vanished without a word (killed,
#: power cut). Longer than any job, so a slow job is not started twice while running (and if
#: it were, its key makes the second run a no-op). Tests shorten it to see a re-delivery.
VISIBILITY_TIMEOUT_S = int(os.environ.get("GOLDSEAM_CELERY_VISIBILITY_S", "3600"))
#: How often beat asks for due reminders, in seconds: reminders are per day, so five minutes
#: late is never late.
REMINDER_EVERY_S = 300

app = Celery("goldseam", include=["goldseam.web.tasks"])
app.conf.update(
    broker_url=BROKER_URL or "memory://",
    task_always_eager=not BROKER_URL,
    task_eager_propagates=True,
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    # One task at a time per worker process: a crash loses (and re-queues) at most that one.
    worker_prefetch_multiplier=1,
    task_ignore_result=True,
    broker_transport_options={"visibility_timeout": VISIBILITY_TIMEOUT_S},
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
    timezone="UTC",
    beat_schedule={
        "send-due-reminders": {"task": "goldseam.web.tasks.send_reminders",
                               "schedule": REMINDER_EVERY_S},
    },
)
