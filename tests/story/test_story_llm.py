"""The optional local model: used only when configured and turned on; failures keep the text."""
from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from goldseam.story.demo import demo_markdown
from goldseam.story.llm import LLMConfig, config_from_env, polish_reframe, polish_story

STORY = "# Our story\n\n## Before\n\nwe met. it was spring.\n"


class FakeModel(BaseHTTPRequestHandler):
    """Answer like an OpenAI-compatible server; the test sets ``answer`` and ``delay``."""

    answer: object = None
    status = 200
    delay = 0.0
    received: ClassVar[list] = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        type(self).received.append((self.path, json.loads(self.rfile.read(length))))
        time.sleep(self.delay)
        body = self.answer if isinstance(self.answer, bytes) else json.dumps(self.answer).encode()
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def model():
    handler = type("Handler", (FakeModel,), {"received": [], "answer": None, "delay": 0.0,
                                             "status": 200})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler, LLMConfig(f"http://127.0.0.1:{server.server_port}", "tiny", timeout_s=2)
    server.shutdown()
    server.server_close()


def _reply(text: str) -> dict:
    return {"choices": [{"message": {"role": "assistant", "content": text}}]}


def test_rewrite_is_offered_when_configured_and_turned_on(model):
    handler, config = model
    handler.answer = _reply("# Our story\n\n## Before\n\nWe met in spring.")
    rewrite = polish_story(STORY, enabled=True, config=config)
    assert rewrite.ok and rewrite.sent
    assert rewrite.text == "# Our story\n\n## Before\n\nWe met in spring.\n"
    path, body = handler.received[0]
    assert path == "/v1/chat/completions"
    assert body["model"] == "tiny" and body["messages"][1]["content"] == STORY
    assert "Keep every fact" in body["messages"][0]["content"]


def test_reframe_rewrite_uses_the_coaching_instruction(model):
    handler, config = model
    handler.answer = _reply("I felt alone when you left. I need to hear from you.")
    rewrite = polish_reframe("You always leave!", enabled=True, config=config)
    assert rewrite.text.startswith("I felt alone")
    assert "first person" in handler.received[0][1]["messages"][0]["content"]


def test_a_rewrite_that_drops_a_chapter_is_refused(model):
    handler, config = model
    handler.answer = _reply("# Our story\n\nWe met in spring.")
    rewrite = polish_story(STORY, enabled=True, config=config)
    assert not rewrite.ok and rewrite.text == STORY
    assert "could not be read" in rewrite.error


def test_timeout_keeps_the_original_and_says_so(model):
    handler, _ = model
    handler.answer, handler.delay = _reply(STORY), 1.5
    config = LLMConfig(model[1].url, "tiny", timeout_s=0.3)
    rewrite = polish_story(demo_markdown(), enabled=True, config=config)
    assert rewrite.text == demo_markdown()
    assert "did not answer within 0.3 seconds" in rewrite.error


@pytest.mark.parametrize(("status", "answer", "message"), [
    (500, {"error": "boom"}, "HTTP 500"),
    (200, b"not json", "could not be read"),
    (200, {"choices": []}, "could not be read"),
    (200, _reply("   "), "could not be read"),
])
def test_server_errors_keep_the_original(model, status, answer, message):
    handler, config = model
    handler.status, handler.answer = status, answer
    rewrite = polish_story(STORY, enabled=True, config=config)
    assert rewrite.text == STORY and message in rewrite.error


def test_refused_connection_keeps_the_original():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    rewrite = polish_story(STORY, enabled=True, config=LLMConfig(f"http://127.0.0.1:{port}", "m"))
    assert rewrite.text == STORY and "could not be reached" in rewrite.error


def test_nothing_is_sent_when_the_couple_has_not_turned_it_on(monkeypatch, model):
    handler, config = model
    opened = []
    real_connect = socket.socket.connect

    def spy(self, address):
        opened.append(address)
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", spy)
    rewrite = polish_story(STORY, enabled=False, config=config)
    assert rewrite.text == STORY and not rewrite.sent and "turned off" in rewrite.error
    rewrite = polish_story(STORY, enabled=True, config=None)
    assert not rewrite.sent and "No language model" in rewrite.error
    assert opened == [] and handler.received == []


def test_the_spy_would_see_a_connection(monkeypatch, model):
    # Guards the test above: the same spy does record a socket when the model is used.
    handler, config = model
    handler.answer = _reply(STORY)
    opened = []
    real_connect = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect",
                        lambda self, a: (opened.append(a), real_connect(self, a))[1])
    polish_story(STORY, enabled=True, config=config)
    assert opened


def test_config_comes_from_the_environment():
    assert config_from_env({}) is None
    config = config_from_env({"GOLDSEAM_LLM_URL": "http://127.0.0.1:11434/v1",
                              "GOLDSEAM_LLM_MODEL": "llama3.2", "GOLDSEAM_LLM_TIMEOUT": "20"})
    assert config.endpoint == "http://127.0.0.1:11434/v1/chat/completions"
    assert config.timeout_s == 20


@pytest.mark.parametrize("env", [
    {"GOLDSEAM_LLM_URL": "file:///etc/passwd", "GOLDSEAM_LLM_MODEL": "m"},
    {"GOLDSEAM_LLM_URL": "http://127.0.0.1:1"},
    {"GOLDSEAM_LLM_URL": "http://127.0.0.1:1", "GOLDSEAM_LLM_MODEL": "m",
     "GOLDSEAM_LLM_TIMEOUT": "soon"},
    {"GOLDSEAM_LLM_URL": "http://127.0.0.1:1", "GOLDSEAM_LLM_MODEL": "m",
     "GOLDSEAM_LLM_TIMEOUT": "0"},
])
def test_a_misconfigured_endpoint_fails_loudly(env):
    with pytest.raises(ValueError, match="GOLDSEAM_LLM"):
        config_from_env(env)
