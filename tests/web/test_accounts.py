"""Accounts: Argon2, throttled sign-in, second factor, re-authentication, export, deletion."""
from __future__ import annotations

import importlib
import json
import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from goldseam.web.accounts.export import FORMAT, VERSION
from goldseam.web.accounts.models import User
from goldseam.web.core.middleware import SLID_AT
from goldseam.web.couples.models import Couple, Membership
from goldseam.web.notes.models import Note

from .conftest import PASSWORD

REAL_SETTINGS = importlib.import_module("goldseam.web.settings")


def sign_in(client: Client, username: str, password: str = PASSWORD, code: str = ""):
    return client.post(reverse("accounts:sign-in"),
                       {"username": username, "password": password, "code": code})


def test_argon2_hashes_new_passwords(settings, db):
    assert REAL_SETTINGS.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    settings.PASSWORD_HASHERS = REAL_SETTINGS.PASSWORD_HASHERS
    response = Client().post(reverse("accounts:sign-up"), {
        "display_name": "Noor", "username": "noor", "email": "", "role": "partner",
        "password1": "a quiet river at dusk", "password2": "a quiet river at dusk"})
    assert response.status_code == 302
    assert User.objects.get(username="noor").password.startswith("argon2")


def test_sign_up_refuses_weak_and_mismatched_passwords_and_keeps_other_fields(db):
    response = Client().post(reverse("accounts:sign-up"), {
        "display_name": "Noor", "username": "noor", "role": "partner",
        "password1": "password", "password2": "password"})
    page = response.content.decode()
    assert response.status_code == 200 and not User.objects.filter(username="noor").exists()
    assert 'value="Noor"' in page and "too common" in page
    response = Client().post(reverse("accounts:sign-up"), {
        "display_name": "Noor", "username": "noor", "role": "partner",
        "password1": "a quiet river at dusk", "password2": "a quiet river at dawn"})
    assert "not the same" in response.content.decode()


def test_sign_in_works_and_repeated_failures_are_throttled(cast):
    assert sign_in(Client(), "sophie").status_code == 302
    client = Client()
    for _ in range(REAL_SETTINGS.AXES_FAILURE_LIMIT):
        sign_in(client, "sophie", "wrong password")
    response = sign_in(client, "sophie")  # even the right password is refused now
    assert response.status_code in (403, 429)
    assert "paused" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_password_says_so_without_saying_which_part(cast):
    page = sign_in(Client(), "sophie", "nope").content.decode()
    assert "do not match" in page


def test_sign_out_needs_post(cast, client_as):
    client = client_as("sophie")
    assert client.get(reverse("accounts:sign-out")).status_code == 405
    client.post(reverse("accounts:sign-out"))
    assert client.get(reverse("notes:list")).status_code == 302


def test_quick_exit_ends_the_session(cast, client_as):
    client = client_as("sophie")
    assert client.post(reverse("accounts:quick-exit")).status_code == 204
    assert client.get(reverse("notes:list")).status_code == 302


def stored_session(client: Client) -> Session:
    return Session.objects.get(session_key=client.cookies["sessionid"].value)


def test_sessions_expire_after_idle_time_and_slide_without_a_write_a_page(cast, client_as):
    assert REAL_SETTINGS.SESSION_COOKIE_AGE == 12 * 3600
    client = client_as("sophie")
    client.get(reverse("notes:list"))  # the first page after sign-in moves the expiry once
    first = stored_session(client).expire_date
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("notes:list")).status_code == 200
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"]
                and not q["sql"].startswith("SELECT")]
    assert stored_session(client).expire_date == first
    # Five minutes on, the next request slides the end again.
    store = client.session
    store[SLID_AT] -= REAL_SETTINGS.SESSION_SLIDE_EVERY + 1
    store.save()
    Session.objects.filter(pk=store.session_key).update(expire_date=first - timedelta(hours=1))
    assert client.get(reverse("notes:list")).status_code == 200
    assert stored_session(client).expire_date > first - timedelta(minutes=1)
    # Idle past the age: the session is over and the page asks to sign in.
    Session.objects.filter(pk=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("notes:list"))
    assert response.status_code == 302 and reverse("accounts:sign-in") in response["Location"]


def test_a_cookie_naming_no_session_creates_none(db):
    client = Client()
    client.cookies["sessionid"] = "x" * 32
    client.get(reverse("accounts:sign-in"))
    assert not Session.objects.exists()


def test_totp_setup_then_sign_in_requires_the_code(cast, client_as):
    client = client_as("sophie")
    assert client.get(reverse("accounts:totp-setup")).status_code == 200
    device = TOTPDevice.objects.get(user=cast.sophie)
    wrong = client.post(reverse("accounts:totp-setup"), {"code": "000000"})
    assert "did not match" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows retries after a wrong code; skip the wait
    client.post(reverse("accounts:totp-setup"), {"code": f"{totp(device.bin_key):06d}"})
    device.refresh_from_db()
    assert device.confirmed
    no_code = sign_in(Client(), "sophie")
    assert no_code.status_code == 200 and "did not match" in no_code.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    # The setup code cannot be replayed; the next time step's code is within tolerance.
    with_code = sign_in(Client(), "sophie", code=f"{totp(device.bin_key, drift=1):06d}")
    assert with_code.status_code == 302


def test_export_and_deletion_ask_for_the_password_again(cast, client_as):
    client = client_as("sophie", fresh=False)
    for name in ("accounts:export", "accounts:export-json", "accounts:delete"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and reverse("accounts:reauth") in response["Location"]
    bad = client.post(reverse("accounts:reauth") + "?next=/accounts/export/",
                      {"password": "wrong", "next": "/accounts/export/"})
    assert "not right" in bad.content.decode()
    good = client.post(reverse("accounts:reauth"), {"password": PASSWORD,
                                                    "next": "/accounts/export/"})
    assert good["Location"] == "/accounts/export/"
    assert client.get(reverse("accounts:export")).status_code == 200


def test_reauth_never_redirects_off_site(cast, client_as):
    client = client_as("sophie", fresh=False)
    response = client.post(reverse("accounts:reauth"),
                           {"password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == reverse("accounts:account")


def test_export_holds_everything_of_mine_and_nothing_of_my_partners(cast, client_as):
    response = client_as("sophie").get(reverse("accounts:export-json"))
    data = json.loads(response.content)
    assert (data["format"], data["version"]) == (FORMAT, VERSION)
    titles = {r["title"] for r in data["records"]}
    assert titles == {"Sophie private", "Sophie shared"}
    assert data["safety_checks"][0]["answers"]["afraid"] == "no"
    markdown = client_as("sophie").get(reverse("accounts:export-markdown")).content.decode()
    assert "Sophie private body" in markdown and "Emma" not in markdown


def test_deleting_my_account_removes_all_of_mine_and_keeps_my_partners(cast, client_as):
    client = client_as("emma")
    refused = client.post(reverse("accounts:delete"), {"confirm": "delete"})
    assert refused.status_code == 200 and User.objects.filter(username="emma").exists()
    response = client.post(reverse("accounts:delete"), {"confirm": "DELETE"})
    assert response.status_code == 302
    assert not User.objects.filter(username="emma").exists()
    assert not Note.objects.filter(owner_id=cast.emma.pk).exists()
    assert Note.objects.filter(owner=cast.sophie).count() == 2
    assert Couple.objects.filter(pk=cast.couple.pk).exists()
    assert list(Membership.objects.filter(couple=cast.couple).values_list("user__username",
                                                                          flat=True)) == ["sophie"]


def test_password_reset_mails_a_link_that_sets_a_new_password(cast):
    client = Client()
    client.post(reverse("accounts:password-reset"), {"email": "sophie@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    response = client.post(form.redirect_chain[-1][0] if form.redirect_chain else link,
                           {"new_password1": "a brand new long phrase",
                            "new_password2": "a brand new long phrase"})
    assert response.status_code == 302
    assert sign_in(Client(), "sophie", "a brand new long phrase").status_code == 302


@pytest.mark.parametrize("role", ["partner", "therapist"])
def test_sign_up_lands_on_the_right_start_page(role, db):
    client = Client()
    client.post(reverse("accounts:sign-up"), {
        "display_name": "Kim", "username": "kim", "role": role,
        "password1": "a quiet river at dusk", "password2": "a quiet river at dusk"})
    response = client.get("/")
    expected = "couples:home" if role == "partner" else "couples:therapist-clients"
    assert response["Location"] == reverse(expected)


def _turn_on_totp(client, user):
    client.get(reverse("accounts:totp-setup"))
    device = TOTPDevice.objects.get(user=user)
    page = client.post(reverse("accounts:totp-setup"), {"code": f"{totp(device.bin_key):06d}"})
    return device, re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", page.content.decode())


def test_turning_on_totp_shows_ten_recovery_codes_once_and_keeps_only_hashes(cast, client_as):
    from goldseam.web.accounts.models import RecoveryCode

    _, codes = _turn_on_totp(client_as("sophie"), cast.sophie)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = list(RecoveryCode.objects.filter(user=cast.sophie).values_list("digest", flat=True))
    assert len(stored) == 10
    assert not any(code.replace("-", "") in digest for code in codes for digest in stored)
    account = client_as("sophie").get(reverse("accounts:account")).content.decode()
    assert "Recovery codes left: 10." in account and codes[0] not in account


def test_a_recovery_code_signs_in_once_in_place_of_the_app(cast, client_as):
    _, codes = _turn_on_totp(client_as("sophie"), cast.sophie)
    first = sign_in(Client(), "sophie", code=codes[0].upper().replace("-", " "))
    assert first.status_code == 302
    again = sign_in(Client(), "sophie", code=codes[0])
    assert again.status_code == 200 and "did not match" in again.content.decode()


def test_a_recovery_code_is_not_counted_as_a_failed_app_code(cast, client_as):
    device, codes = _turn_on_totp(client_as("sophie"), cast.sophie)
    device.refresh_from_db()
    failures = device.throttling_failure_count
    assert sign_in(Client(), "sophie", code=codes[1]).status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == failures
    # A wrong six-digit code still counts against the device.
    sign_in(Client(), "sophie", code="000000")
    device.refresh_from_db()
    assert device.throttling_failure_count == failures + 1


def test_new_recovery_codes_replace_the_old_and_turning_off_forgets_them(cast, client_as):
    from goldseam.web.accounts.models import RecoveryCode

    client = client_as("sophie")
    _, old = _turn_on_totp(client, cast.sophie)
    page = client.post(reverse("accounts:recovery-codes")).content.decode()
    new = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", page)
    assert len(new) == 10 and not set(new) & set(old)
    assert sign_in(Client(), "sophie", code=old[1]).status_code == 200
    client.post(reverse("accounts:totp-disable"))
    assert not RecoveryCode.objects.filter(user=cast.sophie).exists()


def test_totp_setup_shows_the_link_as_an_inline_qr_code(cast, client_as):
    body = client_as("sophie").get(reverse("accounts:totp-setup")).content.decode()
    svg = re.search(r'<svg class="qr" role="img" aria-label="([^"]+)"[^>]*viewBox="0 0 (\d+) \d+"'
                    r'.*?<path d="([^"]+)"', body)
    assert svg and "QR code" in svg.group(1)
    side = int(svg.group(2))
    assert side >= 21 + 8 and (side - 8 - 21) % 4 == 0  # a QR version's size plus the border
    modules = svg.group(3).count("h1v1h-1z")
    assert side * side * 0.2 < modules < side * side * 0.6  # a code, not a blank or a block


def test_qr_matrix_is_the_one_qrcode_makes_for_the_link():
    import qrcode

    from goldseam.web.accounts.qr import qr_svg

    link = "otpauth://totp/Goldseam:sophie?secret=JBSWY3DPEHPK3PXP&issuer=Goldseam"
    svg = str(qr_svg(link, "QR"))
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(link)
    code.make(fit=True)
    dark = {(x, y) for y, row in enumerate(code.get_matrix()) for x, d in enumerate(row) if d}
    drawn = {(int(x), int(y)) for x, y in re.findall(r"M(\d+),(\d+)h1v1h-1z", svg)}
    assert drawn == dark
