"""Headers, a strict CSP, no third-party request from any page or asset, and a clean deploy check."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from .permissions import all_rows

LOCAL = re.compile(r"^(/|#|\?|mailto:|otpauth:|data:|$)")
RESOURCE_ATTRS = re.compile(r"<(script|link|img|iframe|source|video|audio|embed|object|form)\b"
                            r"[^>]*?\b(src|href|action|data)=\"([^\"]*)\"", re.IGNORECASE)
ANCHORS = re.compile(r"<a\b[^>]*?\bhref=\"([^\"]*)\"", re.IGNORECASE)


def pages_for(actor, client_as, cast):
    """Yield (url, response) for every GET row of the permission table that this actor may see."""
    client = client_as(actor)
    for row in all_rows():
        if row.method != "GET" or row.expected[actor] != 200:
            continue
        url = reverse(row.url_name, kwargs=row.kwargs(cast))
        response = client.get(url)
        if response.get("Content-Type", "").startswith("text/html"):
            yield url, response


@pytest.mark.parametrize("actor", ["sophie", "therapist", "anon"])
def test_every_page_has_a_strict_csp_and_no_inline_script_or_style(actor, client_as, cast):
    seen = 0
    for url, response in pages_for(actor, client_as, cast):
        seen += 1
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, url
        assert "frame-ancestors 'none'" in csp, url
        page = response.content.decode()
        # Data blocks (json_script) are not executed, so CSP allows them; code must be a file.
        inline = re.search(r"<script(?![^>]*\b(src=|type=\"application/json\"))[^>]*>", page)
        assert not inline, f"inline script on {url}"
        assert "<style" not in page and " style=" not in page, f"inline style on {url}"
        assert not re.search(r"\son[a-z]+=\"", page), f"inline event handler on {url}"
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
    assert seen >= 5


@pytest.mark.parametrize("actor", ["sophie", "therapist", "anon"])
def test_no_page_loads_anything_from_another_origin(actor, client_as, cast):
    for url, response in pages_for(actor, client_as, cast):
        page = response.content.decode()
        for _tag, _attr, target in RESOURCE_ATTRS.findall(page):
            assert LOCAL.match(target), f"{url} loads {target}"
        for target in ANCHORS.findall(page):
            # The only link away is Quick exit, followed only when the person presses it.
            assert LOCAL.match(target) or target == settings.QUICK_EXIT_URL, f"{url} -> {target}"


def static_files() -> list[Path]:
    found = []
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            found.append(Path(storage.path(path)))
    return found


def test_no_static_asset_refers_to_another_origin():
    files = static_files()
    assert any(p.name == "site.css" for p in files)
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        text = text.replace('xmlns="http://www.w3.org/2000/svg"', "")  # a name, not a request
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.IGNORECASE), path
        assert "@import" not in text, path


def test_quick_exit_is_on_every_page_and_works_as_a_plain_link(client_as, cast):
    for url, response in pages_for("sophie", client_as, cast):
        page = response.content.decode()
        assert 'id="quick-exit"' in page and f'href="{settings.QUICK_EXIT_URL}"' in page, url
        assert 'class="skip-link" href="#content"' in page, url


def test_private_pages_are_not_cached(client_as):
    response = client_as("sophie").get(reverse("notes:list"))
    assert "no-store" in response["Cache-Control"]


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "GOLDSEAM_PRODUCTION": "1",
        "GOLDSEAM_SECRET_KEY": "x" * 20 + "a-long-and-random-enough-secret-key-for-the-check-1234",
        "GOLDSEAM_ENCRYPTION_KEY": "Z29sZHNlYW0tdGVzdC1rZXktMzItYnl0ZXMtbG9uZyE=",
        "GOLDSEAM_ALLOWED_HOSTS": "goldseam.example.org",
        "GOLDSEAM_DATA_DIR": str(tmp_path),
    }
    # The browser tests' conftest allows Django's sync calls from Playwright's event loop in
    # this process; a production process never has that, so the check must not inherit it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING",
         "--settings", "goldseam.web.settings"],
        check=False, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_explicit_secrets(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOLDSEAM_")}
    env.update({"GOLDSEAM_PRODUCTION": "1", "GOLDSEAM_DATA_DIR": str(tmp_path)})
    result = subprocess.run(
        [sys.executable, "-c", "import goldseam.web.settings"],
        check=False, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0
    assert "production" in result.stderr


def test_every_setting_read_from_the_environment_is_documented():
    source = Path(settings.BASE_SETTINGS_FILE).read_text(encoding="utf-8")
    names = set(re.findall(r"env_(?:str|bool|int|list|path)\(\s*\"([A-Z_]+)\"", source))
    readme = (Path(settings.BASE_SETTINGS_FILE).parent / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([A-Z][A-Z_]+)`", readme))
    assert len(names) > 20, "few settings found: the pattern is out of date"
    missing = sorted(names - documented)
    assert not missing, f"document these in src/goldseam/web/README.md: {missing}"
