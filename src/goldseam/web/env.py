"""Read typed settings from the environment, failing loudly on values that do not parse.

Each helper takes the variable name and a documented default. A variable named ``X`` may
instead be given as ``X_FILE`` holding a path whose contents are the value (for secrets kept
out of the process environment).
"""
from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """Return ``name`` from the environment or from the file ``name_FILE`` names, else default."""
    if name in os.environ:
        return os.environ[name]
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={path!r} cannot be read: {exc}") from exc
    return default


def env_bool(name: str, default: bool = False) -> bool:
    """Return ``name`` as a boolean (1/0, true/false, yes/no, on/off); raise on anything else."""
    raw = env_str(name, "1" if default else "0").strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1 or 0)")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    """Return ``name`` as an integer, at least ``minimum``; raise when it does not parse."""
    raw = env_str(name, str(default)).strip()
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from exc
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below its minimum {minimum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """Return ``name`` split on commas, blanks dropped."""
    raw = env_str(name, ",".join(default))
    return [part.strip() for part in raw.split(",") if part.strip()]


def env_path(name: str, default: Path) -> Path:
    """Return ``name`` as an absolute path (relative paths resolve against the working folder)."""
    return Path(env_str(name, str(default))).expanduser().resolve()
