"""Background jobs: large chat imports, reminders and exports, each idempotent by its key.

``once(key, task, work)`` is the whole idea: it locks the job's row, returns the stored outcome
when the job is already done, and otherwise runs ``work()`` and marks the job done in the same
transaction as its effect. A worker killed halfway rolls back both, and the re-delivered task
starts clean; a task delivered twice finds the job done. Outcomes hold ids and counts only.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

import django
from django.db import DatabaseError, transaction
from django.utils import timezone

from goldseam.web.celery import app

log = logging.getLogger(__name__)

#: Database hiccups (a failover, a restart) are retried with growing pauses, up to about
#: ten minutes in all; anything else is a bug and fails at once.
RETRY = {"autoretry_for": (DatabaseError,), "retry_backoff": 5, "retry_backoff_max": 300,
         "max_retries": 6, "acks_late": True}


def _setup() -> None:
    # A worker imports this module before Django is configured.
    from django.apps import apps

    if not apps.ready:
        django.setup()


def once(key: str, task: str, work) -> dict:
    """Run ``work() -> dict`` once for ``key``; return its outcome (stored, if done before)."""
    _setup()
    from goldseam.web.api.models import Job

    with transaction.atomic():
        job, _ = Job.objects.get_or_create(key=key, defaults={"task": task})
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.done_at is not None:
            log.info("job already done", extra={"task": task, "idempotency_key": key})
            return job.outcome
        outcome = work()
        job.outcome, job.done_at, job.attempts = outcome, timezone.now(), job.attempts + 1
        job.save(update_fields=["outcome", "done_at", "attempts"])
    log.info("job done", extra={"task": task, "idempotency_key": key})
    return outcome


@app.task(name="goldseam.web.tasks.analyze_import", **RETRY)
def analyze_import(key: str, owner_id: int, injury_id: int, path: str) -> dict:
    """Read the chat at ``path`` into a private ChatTimeline of ``owner_id``; delete the file.

    The chat itself is never stored: only the reading (encrypted), as the import page does.
    """
    def work() -> dict:
        from goldseam.language.conversation import analyze_conversation
        from goldseam.transcripts import open_transcript
        from goldseam.web.journey.models import ChatTimeline, Injury

        injury = Injury.objects.get(pk=injury_id)
        conversation = next(iter(open_transcript(Path(path))), None)
        turns = list(conversation.turns) if conversation is not None else []
        result = analyze_conversation(turns).to_dict()
        row = ChatTimeline.objects.create(owner_id=owner_id, couple=injury.couple,
                                          injury=injury, result=json.dumps(result))
        return {"timeline_id": row.pk, "turns": len(turns)}

    outcome = once(key, "analyze_import", work)
    Path(path).unlink(missing_ok=True)
    return outcome


@app.task(name="goldseam.web.tasks.send_reminders", **RETRY)
def send_reminders() -> int:
    """Send every due reminder (``goldseam.web.reminders.send_due``, idempotent per reminder)."""
    _setup()
    try:
        from goldseam.web.reminders import send_due
    except ImportError:  # an install without the rebuild app has nothing to remind
        return 0
    return send_due()


@app.task(name="goldseam.web.tasks.build_export", **RETRY)
def build_export(key: str, user_id: int, folder: str) -> dict:
    """Write the person's export as JSON into ``folder`` (mode 0600); return its file name."""
    def work() -> dict:
        from goldseam.web.accounts.export import build_export as gather
        from goldseam.web.accounts.models import User

        data = gather(User.objects.get(pk=user_id))
        target = Path(folder) / f"export-{user_id}-{key[:40]}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        partial.write_text(json.dumps(data), encoding="utf-8")
        partial.chmod(0o600)
        partial.replace(target)  # atomic: a reader never sees half a file
        return {"file": target.name, "records": len(data["records"])}

    return once(key, "build_export", work)


@app.task(name="goldseam.web.tasks.record_effect", **RETRY)
def record_effect(key: str, seconds: float = 0.0) -> dict:
    """Write one Note-free marker row for ``key`` after ``seconds``: the fault tests' probe.

    It lets tests kill a worker mid-job and count effects without touching anyone's records.
    """
    import time

    def work() -> dict:
        from goldseam.web.api.models import Job

        time.sleep(seconds)  # the window in which a test kills the worker
        effects = Job.objects.filter(key__startswith=f"effect:{key}").count()
        Job.objects.create(key=f"effect:{key}:{effects}", task="effect", done_at=timezone.now())
        return {"effects_before": effects}

    return once(key, "record_effect", work)
