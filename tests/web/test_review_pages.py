"""Review: quick exit on every page, the Content-Security-Policy, no open redirect, no
unescaped output, no third-party request, and other couples' ids answering 404."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from .conftest import PASSWORD
from .permissions.journey import make_injury

WEB = Path(__file__).resolve().parents[2] / "src" / "goldseam" / "web"
EVIL = ["https://evil.example/", "//evil.example/", "http:/\\evil.example", "/\\evil.example"]

#: Pages a partner in a couple opens; each must carry the quick-exit control.
PARTNER_PAGES = [
    "home", "couples:home", "couples:joint-status", "couples:therapist", "couples:audit",
    "notes:list", "notes:new", "journey:home", "rebuild:home", "rebuild:checkin", "story:home",
    "accounts:account", "api:tokens", "accounts:export",
]


@pytest.mark.parametrize("name", PARTNER_PAGES)
def test_every_partner_page_has_the_quick_exit_control(client_as, name):
    response = client_as("sophie").get(reverse(name), follow=True)
    assert response.status_code == 200
    assert 'id="quick-exit"' in response.content.decode()


@pytest.mark.parametrize("path", ["/accounts/sign-in/", "/no-such-page/"])
def test_public_and_error_pages_have_the_quick_exit_control(client_as, path):
    assert 'id="quick-exit"' in client_as("anon").get(path).content.decode()


def test_api_reference_page_has_the_quick_exit_control(client_as):
    response = client_as("sophie").get("/api/docs")
    assert response.status_code == 200
    assert 'id="quick-exit"' in response.content.decode()


@pytest.mark.parametrize("name", ["home", "notes:list", "journey:home"])
def test_pages_send_a_csp_without_inline_script(client_as, name):
    policy = client_as("sophie").get(reverse(name), follow=True)["Content-Security-Policy"]
    scripts = re.search(r"(?:script-src|default-src)[^;]*", policy).group(0)
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert "frame-ancestors 'none'" in policy or "frame-ancestors 'self'" in policy


@pytest.mark.parametrize("target", EVIL)
def test_sign_in_never_redirects_off_site(cast, client_as, target):
    response = client_as("anon").post(
        reverse("accounts:sign-in") + "?next=" + target,
        {"username": "sophie", "password": PASSWORD, "next": target})
    assert response.status_code == 302
    assert response["Location"].startswith("/") and not response["Location"].startswith("//")


@pytest.mark.parametrize("target", EVIL)
def test_reauth_never_redirects_off_site(cast, client_as, target):
    response = client_as("sophie", fresh=False).post(
        reverse("accounts:reauth"), {"password": PASSWORD, "next": target})
    assert response.status_code == 302
    assert response["Location"].startswith("/") and not response["Location"].startswith("//")


def _sources(*suffixes: str):
    for path in WEB.rglob("*"):
        if path.suffix in suffixes and "migrations" not in path.parts:
            yield path, path.read_text(encoding="utf-8")


def test_templates_never_turn_off_escaping():
    found = [str(p) for p, text in _sources(".html")
             if re.search(r"\|\s*safe\b|{%\s*autoescape\s+off", text)]
    assert found == []


def test_mark_safe_is_used_only_on_the_trust_librarys_escaped_charts_and_the_qr_code():
    # The QR code's markup holds only numbers it computed and an escaped label, never the data.
    users = {p.relative_to(WEB).as_posix() for p, text in _sources(".py") if "mark_safe(" in text}
    assert users <= {"therapist/progress.py", "rebuild/views.py", "accounts/qr.py"}


def test_the_qr_code_markup_carries_no_text_of_its_data():
    from goldseam.web.accounts.qr import qr_svg

    svg = str(qr_svg("otpauth://totp/<script>alert(1)</script>?secret=ABC", 'a "label" <b>'))
    assert "<script" not in svg and "secret" not in svg and "<b>" not in svg
    assert "&quot;label&quot;" in svg


def test_static_scripts_never_write_html():
    found = [str(p) for p, text in _sources(".js")
             if re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", text)]
    assert found == []


def test_no_view_is_exempt_from_csrf():
    assert [str(p) for p, text in _sources(".py") if "csrf_exempt" in text] == []


def test_templates_hold_no_inline_script_style_or_handler():
    pattern = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|<style|\son[a-z]+=|javascript:")
    found = [f"{p}: {m.group(0)}" for p, text in _sources(".html")
             for m in pattern.finditer(text)]
    assert found == []


def test_pages_and_static_files_name_no_other_origin():
    allowed = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink")
    found = []
    for path, text in _sources(".html", ".js", ".css"):
        for url in re.findall(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s\"')]*", text):
            if not url.startswith(allowed):
                found.append(f"{path.relative_to(WEB)}: {url}")
    assert found == []


def test_other_couples_injury_answers_404(cast, client_as):
    injury = make_injury(cast)
    for url in (reverse("journey:injury", args=[injury.pk]),
                reverse("journey:statement", args=[injury.pk])):
        assert client_as("outsider").get(url).status_code == 404


def test_other_couples_ritual_answers_404(cast, client_as):
    from django.utils import timezone

    from goldseam.web.rebuild.models import Ritual

    ritual = Ritual.objects.create(couple=cast.other_couple, kind="daily_talk", cadence="daily",
                                   start=timezone.now().date())
    for name in ("rebuild:ritual-done", "rebuild:ritual-stop"):
        assert client_as("sophie").post(reverse(name, args=[ritual.pk])).status_code == 404
    ritual.refresh_from_db()
    assert ritual.retired_on is None


def test_other_couples_therapist_link_answers_404(cast, client_as):
    response = client_as("sophie").post(reverse("couples:therapist-revoke",
                                                args=[cast.other_link.pk]))
    cast.other_link.refresh_from_db()
    assert response.status_code == 404 and cast.other_link.revoked_at is None


def test_api_reference_page_loads_nothing_from_another_origin(client_as):
    page = client_as("sophie").get("/api/docs").content.decode()
    # Only what the browser loads counts: a link (<a href>) is followed only when clicked, and
    # the quick-exit link on every page points off-site on purpose.
    assert re.findall(r"<(?!a\b)[a-z]+\b[^>]*\b(?:src|href)=\"(?:https?:)?//", page) == []
    assert re.findall(r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>", page) == []
