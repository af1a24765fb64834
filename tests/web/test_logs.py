"""Test that logs are JSON lines that never carry a partner's free text."""
from __future__ import annotations

import io
import json
import logging

import pytest

from goldseam.web.logs import JsonFormatter, PrivateTextFilter

SECRET = "I felt invisible when you texted Jules at midnight"


@pytest.fixture
def capture():
    """Return (logger, stream): a logger wired like production, writing into ``stream``."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(PrivateTextFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("goldseam.test_logs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


def test_string_arguments_become_their_length(capture):
    logger, stream = capture
    logger.info("saved draft %s for %d", SECRET, 7)
    line = json.loads(stream.getvalue())
    assert SECRET not in stream.getvalue()
    assert line["msg"] == f"saved draft [text: {len(SECRET)} chars] for 7"


def test_exception_keeps_type_and_frames_but_not_its_message(capture):
    logger, stream = capture
    try:
        raise ValueError(f"bad value {SECRET!r}")
    except ValueError:
        logger.exception("could not save")
    line = json.loads(stream.getvalue())
    assert SECRET not in stream.getvalue()
    assert line["exception"]["type"] == "ValueError"
    assert "test_logs.py" in line["exception"]["frames"][-1]


def test_only_known_extras_pass(capture):
    logger, stream = capture
    logger.warning("autosave", extra={"record_id": 12, "text": SECRET, "status": 400})
    line = json.loads(stream.getvalue())
    assert line["record_id"] == 12 and line["status"] == 400
    assert "text" not in line and SECRET not in stream.getvalue()


def test_request_logger_keeps_the_path_but_drops_the_query():
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1,
                               "Bad Request: %s", (f"/notes/3/?q={SECRET}",), None)
    PrivateTextFilter().filter(record)
    assert JsonFormatter().format(record).count("/notes/3/") == 1
    assert SECRET not in JsonFormatter().format(record)


def test_site_logging_setting_filters_partner_text(db, settings):
    from goldseam.web.logs import logging_config

    config = logging_config("INFO")
    assert config["handlers"]["console"]["filters"] == ["private"]
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "json"


def test_api_validation_error_logs_no_partner_text(cast, caplog):
    from django.test import Client

    from goldseam.web.api.models import ApiToken

    _, secret = ApiToken.issue(cast.sophie, "t", ["write"])
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(PrivateTextFilter())
    handler.setFormatter(JsonFormatter())
    logging.getLogger().addHandler(handler)
    try:
        client.post("/api/notes", json.dumps({"title": 5, "body": SECRET * 1000}),
                    content_type="application/json")
    finally:
        logging.getLogger().removeHandler(handler)
    assert stream.getvalue(), "the 4xx must be logged"
    assert SECRET not in stream.getvalue()
