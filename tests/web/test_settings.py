"""Settings switch on PostgreSQL, Redis and production behaviour from the environment."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

PRINT = ("import json, goldseam.web.settings as s; print(json.dumps({'db': s.DATABASES['default']"
         "['ENGINE'], 'cache': getattr(s, 'CACHES', {}).get('default', {}).get('BACKEND', ''), "
         "'sessions': getattr(s, 'SESSION_ENGINE', 'db'), 'secure': getattr(s, "
         "'SESSION_COOKIE_SECURE', False), 'hsts': getattr(s, 'SECURE_HSTS_SECONDS', 0), "
         "'argon2_first': s.PASSWORD_HASHERS[0].endswith('Argon2PasswordHasher')}))")


def settings_with(tmp_path, **env) -> dict:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("GOLDSEAM_") and k not in {"DATABASE_URL", "REDIS_URL"}}
    clean.update({"GOLDSEAM_DATA_DIR": str(tmp_path), **env})
    result = subprocess.run([sys.executable, "-c", PRINT], env=clean, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_laptop_defaults_are_sqlite_without_redis_or_secure_cookies(tmp_path):
    s = settings_with(tmp_path)
    assert s["db"].endswith("sqlite3") and not s["cache"] and s["sessions"] == "db"
    assert s["secure"] is False and s["argon2_first"]
    assert (tmp_path / "django-secret.txt").exists()


def test_database_url_switches_to_postgresql(tmp_path):
    s = settings_with(tmp_path, DATABASE_URL="postgres://u@db.example:5432/goldseam")
    assert s["db"].endswith("postgresql")


def test_redis_url_moves_cache_and_sessions_to_redis(tmp_path):
    s = settings_with(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0")
    assert s["cache"].endswith("RedisCache")
    assert s["sessions"].endswith("cached_db")


@pytest.mark.parametrize("hsts", ["31536000", "600"])
def test_production_turns_on_secure_cookies_and_hsts(tmp_path, hsts):
    s = settings_with(tmp_path, GOLDSEAM_PRODUCTION="1", GOLDSEAM_SECRET_KEY="k" * 60,
                      GOLDSEAM_ENCRYPTION_KEY="Z29sZHNlYW0tdGVzdC1rZXktMzItYnl0ZXMtbG9uZyE=",
                      GOLDSEAM_HSTS_SECONDS=hsts)
    assert s["secure"] is True and s["hsts"] == int(hsts)
