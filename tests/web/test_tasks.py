"""Test the background jobs inline (no broker): each job done twice has one effect."""
from __future__ import annotations

import json

from goldseam.web import tasks
from goldseam.web.api.models import Job
from goldseam.web.celery import app


def test_without_a_broker_tasks_run_inline_and_acknowledge_late():
    assert app.conf.task_always_eager is True
    assert app.conf.task_acks_late is True and app.conf.task_reject_on_worker_lost is True


def test_job_run_twice_has_one_effect(db):
    first = tasks.record_effect.delay("k1").get()
    second = tasks.record_effect.delay("k1").get()
    assert first == second == {"effects_before": 0}
    assert Job.objects.filter(key__startswith="effect:k1").count() == 1


def test_export_job_writes_one_private_file_once(cast, tmp_path):
    outcome = tasks.build_export.delay("exp-1", cast.sophie.pk, str(tmp_path)).get()
    again = tasks.build_export.delay("exp-1", cast.sophie.pk, str(tmp_path)).get()
    assert outcome == again and outcome["records"] == 2
    files = list(tmp_path.iterdir())
    assert [f.name for f in files] == [outcome["file"]]
    assert files[0].stat().st_mode & 0o777 == 0o600
    assert json.loads(files[0].read_text())["format"] == "goldseam-export"


def test_import_job_keeps_an_encrypted_reading_not_the_chat(cast, tmp_path):
    from .permissions.journey import make_injury

    injury = make_injury(cast)
    chat = tmp_path / "chat.txt"
    chat.write_text("Sophie: You never listen to me!\nEmma: Whatever.\n"
                    "Sophie: You always walk away.\nEmma: Fine.\n", encoding="utf-8")
    outcome = tasks.analyze_import.delay("imp-1", cast.sophie.pk, injury.pk, str(chat)).get()
    assert outcome["turns"] == 4 and not chat.exists()
    from goldseam.web.journey.models import ChatTimeline

    row = ChatTimeline.objects.get(pk=outcome["timeline_id"])
    assert row.owner == cast.sophie and row.shared_at is None
    assert json.loads(row.result)["pattern"] == "pursue-withdraw"
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT result FROM {ChatTimeline._meta.db_table} WHERE id = %s",
                       [row.pk])
        assert "listen" not in cursor.fetchone()[0]  # quotes are kept only encrypted


def test_reminder_task_calls_send_due(db, monkeypatch):
    calls = []
    monkeypatch.setattr("goldseam.web.reminders.send_due", lambda: calls.append(1) or 3)
    assert tasks.send_reminders.delay().get() == 3 and calls == [1]
