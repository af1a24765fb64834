"""Back up every table to one JSON file and restore it exactly (``goldseam backup/restore``).

The file holds rows as the database stores them: encrypted text stays encrypted, so a backup is
no more readable than the database, and restoring needs the same key ring. It records the
applied migrations; restoring into a database at other migrations is refused with a message.
"""
from __future__ import annotations

import datetime
import gzip
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from goldseam.web.core import crypto

FORMAT = "goldseam-backup"
#: Version of the backup layout; restore refuses versions it does not know.
VERSION = 1


class _ExactEncoder(DjangoJSONEncoder):
    """Encode datetimes and times with all six digits of microseconds.

    DjangoJSONEncoder cuts them to milliseconds, which would make a restore inexact.
    """

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """Raised when a backup file cannot be restored here; the message says what to do."""


def backed_up_models() -> list[type]:
    """Return every concrete table Django manages, including many-to-many tables."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        found.append(model)
    return sorted(found, key=lambda m: m._meta.db_table)


def applied_migrations() -> list[list[str]]:
    """Return the applied migrations as sorted [app, name] pairs."""
    recorder = MigrationRecorder(connection)
    return sorted([list(key) for key in recorder.applied_migrations()])


def _rows(model) -> list[dict]:
    fields = model._meta.concrete_fields
    with crypto.raw():
        query = model._base_manager.order_by("pk").values_list(*[f.attname for f in fields])
        return [dict(zip([f.attname for f in fields], row, strict=True)) for row in query]


def dump(progress: Callable[[str, int], None] | None = None) -> dict:
    """Return the whole database as a backup document."""
    tables = {}
    for model in backed_up_models():
        rows = _rows(model)
        tables[model._meta.label_lower] = rows
        if progress:
            progress(model._meta.label_lower, len(rows))
    return {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(),
        "engine": connection.vendor,
        "migrations": applied_migrations(),
        "tables": tables,
    }


def write(path: Path, document: dict) -> None:
    """Write a backup document to ``path`` (gzip-compressed when the name ends in .gz)."""
    text = json.dumps(document, cls=_ExactEncoder, ensure_ascii=False, sort_keys=True)
    data = text.encode("utf-8")
    if path.suffix == ".gz":
        data = gzip.compress(data)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.chmod(0o600)
    tmp.replace(path)  # a crash mid-write never leaves a half backup under the real name


def read(path: Path) -> dict:
    """Read a backup document, checking its format and version."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(f"{path} is not a Goldseam backup (not JSON: {exc})") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError(f"{path} is not a Goldseam backup")
    if document.get("version") != VERSION:
        raise BackupError(
            f"{path} is backup format version {document.get('version')}; this Goldseam reads "
            f"version {VERSION}. Restore it with the Goldseam release that made it."
        )
    return document


@contextmanager
def _stored_timestamps(models) -> Iterator[None]:
    """Keep auto_now/auto_now_add fields from overwriting the backup's timestamps."""
    switched = [f for m in models for f in m._meta.concrete_fields
                if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    saved = [(f, f.auto_now, f.auto_now_add) for f in switched]
    for field in switched:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, now, now_add in saved:
            field.auto_now, field.auto_now_add = now, now_add


def restore(document: dict, progress: Callable[[str, int], None] | None = None) -> int:
    """Replace every table's rows with the backup's, in one transaction; return rows written."""
    if document["migrations"] != applied_migrations():
        raise BackupError(
            "the backup was made at other database migrations than this database has. Run "
            "`goldseam manage migrate` with the Goldseam release that made the backup, then "
            "restore again."
        )
    models = {m._meta.label_lower: m for m in backed_up_models()}
    unknown = set(document["tables"]) - set(models)
    if unknown:
        raise BackupError(f"the backup has tables this Goldseam does not know: {sorted(unknown)}")
    written = 0
    # Foreign keys Django creates are deferred to commit, so the insertion order is free.
    with transaction.atomic(), crypto.raw(), _stored_timestamps(models.values()):
        for model in models.values():
            model._base_manager.all()._raw_delete(model._base_manager.db)
        for label, rows in document["tables"].items():
            model = models[label]
            fields = {f.attname: f for f in model._meta.concrete_fields}
            objects = [model(**{k: fields[k].to_python(v) for k, v in row.items()}) for row in rows]
            model._base_manager.bulk_create(objects, batch_size=500)
            written += len(objects)
            if progress:
                progress(label, len(objects))
        statements = connection.ops.sequence_reset_sql(no_style(), list(models.values()))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
    return written
