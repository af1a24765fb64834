"""Offer a polished rewrite from a local language model, only when both sides said yes.

The operator names an OpenAI-compatible chat-completions endpoint (a local Ollama, llama.cpp
or vLLM server) with ``GOLDSEAM_LLM_URL`` and ``GOLDSEAM_LLM_MODEL``; the couple turns the
rewrite on. Without both, nothing is sent anywhere and no socket is opened. Any failure (no
answer in time, a refused connection, an unreadable answer, a rewrite that dropped a chapter)
keeps the original text and says why in a sentence from the catalogue. Standard library only.
"""
from __future__ import annotations

import http.client
import json
import os
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass

from goldseam.story.catalogue import say
from goldseam.story.text import MAX_STORY_CHARS

#: Seconds to wait for the model by default: a local model rewriting a few pages is slow.
DEFAULT_TIMEOUT_S = 60.0
#: Largest answer read from the endpoint, in bytes: generous for a story, bounded for safety.
MAX_ANSWER_BYTES = 2_000_000
#: Sampling temperature: low, because the rewrite must keep every fact.
TEMPERATURE = 0.3


@dataclass(frozen=True)
class LLMConfig:
    """Where the operator's model answers: the endpoint URL, the model name and a timeout."""

    url: str
    model: str
    timeout_s: float = DEFAULT_TIMEOUT_S

    @property
    def endpoint(self) -> str:
        """Return the chat-completions URL, adding the path when only the base was given."""
        url = self.url.rstrip("/")
        if url.endswith("/chat/completions"):
            return url
        return url + ("/chat/completions" if url.endswith("/v1") else "/v1/chat/completions")


def config_from_env(env: Mapping[str, str] | None = None) -> LLMConfig | None:
    """Return the operator's model settings, or ``None`` when ``GOLDSEAM_LLM_URL`` is unset.

    ``GOLDSEAM_LLM_MODEL`` is required with the URL; ``GOLDSEAM_LLM_TIMEOUT`` (seconds) is
    optional. Raises ``ValueError`` for a URL that is not http(s), a missing model or a bad
    timeout, so a misconfiguration fails at start-up, not in front of a couple.
    """
    env = os.environ if env is None else env
    url = env.get("GOLDSEAM_LLM_URL", "").strip()
    if not url:
        return None
    if not url.startswith(("http://", "https://")):
        raise ValueError("GOLDSEAM_LLM_URL must start with http:// or https://")
    model = env.get("GOLDSEAM_LLM_MODEL", "").strip()
    if not model:
        raise ValueError("GOLDSEAM_LLM_MODEL must name the model when GOLDSEAM_LLM_URL is set")
    raw = env.get("GOLDSEAM_LLM_TIMEOUT", "").strip()
    try:
        timeout = float(raw) if raw else DEFAULT_TIMEOUT_S
    except ValueError:
        raise ValueError("GOLDSEAM_LLM_TIMEOUT must be a number of seconds") from None
    if not timeout > 0:
        raise ValueError("GOLDSEAM_LLM_TIMEOUT must be more than 0 seconds")
    return LLMConfig(url, model, timeout)


@dataclass(frozen=True)
class Rewrite:
    """A rewrite offer: the proposed ``text`` (the original on failure) and, if any, ``error``."""

    text: str
    error: str | None = None
    sent: bool = False  # whether anything left this process

    @property
    def ok(self) -> bool:
        """Say whether the model proposed a usable rewrite."""
        return self.error is None


class _Failure(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _chat(config: LLMConfig, system: str, user: str) -> str:
    body = json.dumps({
        "model": config.model, "temperature": TEMPERATURE, "stream": False,
        "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
    }).encode("utf-8")
    request = urllib.request.Request(
        config.endpoint, data=body, method="POST",
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=config.timeout_s) as response:
            raw = response.read(MAX_ANSWER_BYTES + 1)
    except TimeoutError:
        raise _Failure(say("errors.llm_timeout", seconds=f"{config.timeout_s:g}")) from None
    except urllib.error.HTTPError as error:
        raise _Failure(say("errors.llm_failed", reason=f"HTTP {error.code}")) from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise _Failure(say("errors.llm_timeout", seconds=f"{config.timeout_s:g}")) from None
        raise _Failure(say("errors.llm_failed", reason=str(error.reason))) from None
    except OSError as error:
        raise _Failure(say("errors.llm_failed", reason=error.strerror or str(error))) from None
    except http.client.HTTPException as error:
        raise _Failure(say("errors.llm_failed", reason=type(error).__name__)) from None
    if len(raw) > MAX_ANSWER_BYTES:
        raise _Failure(say("errors.llm_bad_answer"))
    try:
        content = json.loads(raw)["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise _Failure(say("errors.llm_bad_answer")) from None
    if not isinstance(content, str) or not content.strip():
        raise _Failure(say("errors.llm_bad_answer"))
    return content.strip()


def _headings(markdown: str) -> list[str]:
    return [line.strip() for line in markdown.splitlines() if line.startswith("#")]


def _offer(original: str, enabled: bool, config: LLMConfig | None, system: str,
           check=None) -> Rewrite:
    if not enabled:
        return Rewrite(original, say("errors.llm_off"))
    if config is None:
        return Rewrite(original, say("errors.llm_unconfigured"))
    try:
        text = _chat(config, system, original)
    except _Failure as failure:
        return Rewrite(original, failure.message, sent=True)
    if len(text) > MAX_STORY_CHARS or (check is not None and not check(text)):
        return Rewrite(original, say("errors.llm_bad_answer"), sent=True)
    return Rewrite(text + ("\n" if original.endswith("\n") else ""), None, sent=True)


def polish_story(markdown: str, *, enabled: bool, config: LLMConfig | None) -> Rewrite:
    """Return the model's rewrite of the story, or the original with the reason there is none.

    Sends the story only when ``enabled`` (the couple's setting) and ``config`` (the
    operator's) are both given. A rewrite that lost or renamed a chapter heading is refused.
    """
    def keeps_headings(text: str) -> bool:
        return _headings(text) == _headings(markdown)

    return _offer(markdown, enabled, config, say("llm.system"), keeps_headings)


def polish_reframe(message: str, *, enabled: bool, config: LLMConfig | None) -> Rewrite:
    """Return the model's gentler rewrite of one message, under the same two conditions."""
    return _offer(message, enabled, config, say("llm.reframe_system"))
