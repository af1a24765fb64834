"""Encrypt and decrypt free text with AES-256-GCM under a key ring the operator holds.

Each stored value reads ``gs1:<key id>:<base64 of nonce + ciphertext>``. The key id is the first
8 hex digits of SHA-256 of the key, so ``goldseam rotate-key`` can tell which rows still use an
old key. The first key in the ring encrypts; every key in the ring decrypts.

Where the ring comes from, in order: ``GOLDSEAM_ENCRYPTION_KEY`` (or ``_FILE``): one or more
base64 keys separated by commas, newest first; otherwise the file at
``GOLDSEAM_ENCRYPTION_KEY_PATH`` (default ``$GOLDSEAM_DATA_DIR/encryption-keys.txt``), one base64
key per line, newest first, created on first use outside production.
"""
from __future__ import annotations

import base64
import binascii
import contextvars
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "gs1"  # format version of a stored value; bump when the layout changes
KEY_BYTES = 32  # AES-256
NONCE_BYTES = 12  # the GCM standard nonce size (NIST SP 800-38D)


_RAW = contextvars.ContextVar("goldseam_crypto_raw", default=False)


@contextmanager
def raw() -> Iterator[None]:
    """Let encrypted fields read and write stored ciphertext as is, inside the block."""
    token = _RAW.set(True)
    try:
        yield
    finally:
        _RAW.reset(token)


def raw_mode() -> bool:
    """Return True inside ``raw()``."""
    return _RAW.get()


class DecryptionError(ValueError):
    """Raised when a stored value cannot be decrypted with any key in the ring."""


@dataclass(frozen=True)
class KeyRing:
    """Hold the encryption keys, newest first, by key id."""

    keys: tuple[bytes, ...]

    @property
    def current_id(self) -> str:
        return key_id(self.keys[0])

    def by_id(self, kid: str) -> bytes | None:
        return next((k for k in self.keys if key_id(k) == kid), None)


def key_id(key: bytes) -> str:
    """Return the short public id of ``key`` (8 hex digits of its SHA-256)."""
    return hashlib.sha256(key).hexdigest()[:8]


def new_key() -> str:
    """Return a fresh random key, base64-encoded, ready to store in a key file."""
    return base64.b64encode(os.urandom(KEY_BYTES)).decode("ascii")


def _parse_keys(text: str, source: str) -> tuple[bytes, ...]:
    keys = []
    lines = [line.strip() for line in text.splitlines()]
    parts = [p.strip() for line in lines if not line.startswith("#") for p in line.split(",")]
    for part in parts:
        if not part:
            continue
        try:
            raw = base64.b64decode(part, validate=True)
        except binascii.Error as exc:
            raise ImproperlyConfigured(f"{source}: a key is not valid base64") from exc
        if len(raw) != KEY_BYTES:
            raise ImproperlyConfigured(f"{source}: each key must be {KEY_BYTES} bytes")
        keys.append(raw)
    if not keys:
        raise ImproperlyConfigured(f"{source}: no key found")
    return tuple(keys)


def key_file() -> Path:
    """Return the path of the key file used when no key comes from the environment."""
    return Path(settings.ENCRYPTION_KEY_PATH)


@cache
def keyring() -> KeyRing:
    """Return the key ring, creating a key file on a laptop install that has none."""
    if settings.ENCRYPTION_KEY:
        return KeyRing(_parse_keys(settings.ENCRYPTION_KEY, "GOLDSEAM_ENCRYPTION_KEY"))
    path = key_file()
    if not path.exists():
        if getattr(settings, "PRODUCTION", False):
            raise ImproperlyConfigured(f"encryption key file {path} is missing")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# Goldseam encryption keys, newest first. Back this up.\n{new_key()}\n")
        path.chmod(0o600)
    return KeyRing(_parse_keys(path.read_text(encoding="utf-8"), str(path)))


def encrypt(plaintext: str, context: str) -> str:
    """Return ``plaintext`` encrypted with the current key, bound to ``context`` (the column)."""
    ring = keyring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(ring.keys[0]).encrypt(nonce, plaintext.encode("utf-8"), context.encode())
    body = base64.b64encode(nonce + sealed).decode("ascii")
    return f"{PREFIX}:{ring.current_id}:{body}"


def stored_key_id(stored: str) -> str | None:
    """Return the key id a stored value was encrypted with, or None if it is not encrypted."""
    parts = stored.split(":", 2)
    return parts[1] if len(parts) == 3 and parts[0] == PREFIX else None


def decrypt(stored: str, context: str) -> str:
    """Return the plaintext of ``stored``; raise DecryptionError if no key opens it."""
    kid = stored_key_id(stored)
    if kid is None:
        raise DecryptionError("value is not in the gs1 format")
    key = keyring().by_id(kid)
    if key is None:
        raise DecryptionError(f"key {kid} is not in the key ring; restore the old key file")
    try:
        raw = base64.b64decode(stored.split(":", 2)[2], validate=True)
        opened = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode())
    except (binascii.Error, InvalidTag) as exc:
        raise DecryptionError("value was altered or belongs to another column") from exc
    return opened.decode("utf-8")


def connect_signals() -> None:
    """Forget the cached key ring whenever a test or command changes the key settings."""
    from django.core.signals import setting_changed

    def _reset(setting: str, **_kwargs) -> None:
        if setting in {"ENCRYPTION_KEY", "ENCRYPTION_KEY_PATH"}:
            keyring.cache_clear()

    setting_changed.connect(_reset, weak=False)
