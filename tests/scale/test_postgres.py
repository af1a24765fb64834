"""Run the API, jobs, health and API permission suites against PostgreSQL for real.

The same tests as on SQLite, in a subprocess whose DATABASE_URL names PostgreSQL (pytest-django
creates and drops ``test_goldseam_ci``): the access rules, encrypted fields, idempotency locks
(``select_for_update`` only locks on PostgreSQL) and the 503 path must hold on both.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import PG_URL, ROOT, app_env, needs_postgres

pytestmark = [pytest.mark.slow, pytest.mark.postgres, needs_postgres]
SUITES = ["tests/web/test_api.py", "tests/web/test_tasks.py", "tests/web/test_health.py",
          "tests/web/test_logs.py"]


def test_api_jobs_and_health_suites_pass_on_postgresql(tmp_path):
    env = app_env(tmp_path, DATABASE_URL=PG_URL + "goldseam_ci")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", *SUITES, "-q", "-x", "-p", "no:cacheprovider",
         "--create-db"],
        check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "[100%]" in result.stdout


def test_api_permission_rows_hold_on_postgresql(tmp_path):
    env = app_env(tmp_path, DATABASE_URL=PG_URL + "goldseam_ci_perm")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/web/test_permissions.py", "-k", "api:",
         "-q", "-x", "-p", "no:cacheprovider", "--create-db"],
        check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
