"""Check the deploy recipe against the code: commands exist, settings are real, checks pass."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, app_env

DEPLOY = ROOT / "deploy"


def env_example() -> dict[str, str]:
    pairs = {}
    for line in (DEPLOY / "goldseam.env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            pairs[name] = value
    return pairs


def test_every_variable_of_the_env_example_is_read_by_the_code():
    sources = "\n".join(p.read_text() for p in (ROOT / "src/goldseam").rglob("*.py"))
    for name in env_example():
        base = name.removesuffix("_FILE")
        assert f'"{base}"' in sources, f"{name} is in the example but nothing reads it"


def test_units_and_procfile_start_modules_that_exist():
    texts = [p.read_text() for p in (DEPLOY / "systemd").glob("*.service")]
    texts.append((DEPLOY / "Procfile").read_text())
    modules = set()
    for text in texts:
        modules |= set(re.findall(r"(goldseam\.web\.\w+)(?::application)?", text))
    assert modules == {"goldseam.web.wsgi", "goldseam.web.celery"}
    for module in modules:
        __import__(module)


def test_production_settings_pass_djangos_deploy_checks(tmp_path):
    import secrets

    (tmp_path / "secret").write_text(secrets.token_urlsafe(50))
    env = app_env(tmp_path, GOLDSEAM_PRODUCTION=1, GOLDSEAM_SECRET_KEY_FILE=tmp_path / "secret",
                  GOLDSEAM_ALLOWED_HOSTS="goldseam.example.org", GOLDSEAM_LOG_LEVEL="ERROR")
    result = subprocess.run([sys.executable, "-m", "django", "check", "--deploy",
                             "--fail-level", "WARNING"], env=env, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_recipe_names_every_unit_it_ships():
    recipe = (DEPLOY / "README.md").read_text()
    for unit in (DEPLOY / "systemd").glob("*.service"):
        assert unit.name in recipe
    assert Path(DEPLOY / "Procfile").exists() and "Running for a practice" in recipe
