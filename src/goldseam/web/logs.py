"""Write logs as one JSON object a line, with no partner's free text in them.

What a partner writes must never reach a log file, a log shipper or an operator's terminal: it
is encrypted at rest for a reason. ``PrivateTextFilter`` therefore keeps only what is known to be
safe: the message template (written by us, not by a partner), numbers, and the arguments of
loggers whose arguments are paths and status codes; other string arguments become
``[text: N chars]``. Exceptions keep their type and their frames (file, line, function) but
lose their message, which can quote a value (an IntegrityError's DETAIL, a validation error).
Extra fields pass only when their name is in ``SAFE_EXTRAS``.
"""
from __future__ import annotations

import json
import logging
import traceback
from datetime import UTC, datetime

#: Extra fields that carry identifiers, types and measurements, never free text.
SAFE_EXTRAS = frozenset({
    "error_type", "path", "method", "status", "status_code", "duration_ms", "task", "task_id",
    "idempotency_key", "attempt", "count", "user_id", "couple_id", "record_id", "kind",
    "worker", "queue",
})
#: Loggers whose arguments are request lines, paths and status codes (Django's request and
#: development-server loggers, gunicorn's). Query strings can still hold text, so they are cut.
PATH_LOGGERS = ("django.request", "django.server", "gunicorn.access", "gunicorn.error",
                "django.security")
_RECORD_FIELDS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None)).keys()) | {
    "message", "asctime", "private_exc", "taskName"}


def _safe_arg(value, path_logger: bool):
    if value is None or isinstance(value, bool | int | float):
        return value
    if path_logger:
        return str(value).split("?", 1)[0][:300]
    text = str(value)
    return f"[text: {len(text)} chars]"


class PrivateTextFilter(logging.Filter):
    """Strip partner text from a record: arguments, exception messages and unknown extras."""

    def filter(self, record: logging.LogRecord) -> bool:
        path_logger = record.name.startswith(PATH_LOGGERS)
        if isinstance(record.args, dict):
            record.args = {k: _safe_arg(v, path_logger) for k, v in record.args.items()}
        elif record.args:
            record.args = tuple(_safe_arg(a, path_logger) for a in record.args)
        if not isinstance(record.msg, str):
            record.msg = f"[{type(record.msg).__name__}]"
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            frames = [f"{f.filename}:{f.lineno} in {f.name}"
                      for f in traceback.extract_tb(exc.__traceback__)]
            record.private_exc = {"type": type(exc).__name__, "frames": frames[-12:]}
            record.exc_info = None
            record.exc_text = None
        for name in list(vars(record)):
            if name not in _RECORD_FIELDS and name not in SAFE_EXTRAS:
                delattr(record, name)
        return True


class JsonFormatter(logging.Formatter):
    """Format a (filtered) record as one JSON line: time, level, logger, message, extras."""

    def format(self, record: logging.LogRecord) -> str:
        out = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for name in SAFE_EXTRAS:
            if hasattr(record, name):
                out[name] = getattr(record, name)
        if getattr(record, "private_exc", None):
            out["exception"] = record.private_exc
        return json.dumps(out, default=str)


def logging_config(level: str) -> dict:
    """Return the LOGGING setting: JSON lines on standard error, partner text filtered out."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"private": {"()": "goldseam.web.logs.PrivateTextFilter"}},
        "formatters": {"json": {"()": "goldseam.web.logs.JsonFormatter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json",
                                 "filters": ["private"]}},
        "root": {"handlers": ["console"], "level": level},
        # Django's own loggers propagate to root; they must not also print unfiltered.
        "loggers": {"django": {"handlers": [], "propagate": True},
                    "celery": {"handlers": [], "propagate": True}},
    }
