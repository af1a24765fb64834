"""Two partners in real Chromium: sign up, invite, join, safety check, share, read, quick exit."""
from __future__ import annotations

import re

import pytest
from django.conf import settings

from goldseam.web.notes.models import Note

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser
NEUTRAL_PAGE = "<html><head><title>Weather</title></head><body>Sunny</body></html>"


def new_page(browser, live_server, size):
    context = browser.new_context(viewport=size, base_url=live_server.url)
    # Nothing leaves the machine: any request to another origin is answered locally, and
    # recorded so the test can assert none happened except the quick exit.
    outside: list[str] = []

    def handle(route):
        url = route.request.url
        if url.startswith(live_server.url):
            route.continue_()
        else:
            outside.append(url)
            route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)

    context.route("**/*", handle)
    page = context.new_page()
    page.outside = outside
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.console_errors = errors
    return page


def sign_up(page, name: str, username: str):
    page.goto("/accounts/sign-up/")
    page.get_by_label("Your name as your partner sees it").fill(name)
    page.get_by_label("Sign-in name").fill(username)
    page.get_by_label("A partner", exact=True).check()
    page.get_by_label("Password", exact=True).fill("a quiet river at dusk")
    page.get_by_label("Password again").fill("a quiet river at dusk")
    page.get_by_role("button", name="Create your account").click()


def answer_safety_calmly(page):
    page.goto("/couple/safety/")
    for group in page.locator("fieldset").all():
        group.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Save my answers").click()


@pytest.mark.django_db(transaction=True)
def test_two_partners_share_a_statement_and_leave_by_quick_exit(browser, live_server, shoot):
    sophie = new_page(browser, live_server, PHONE)
    sign_up(sophie, "Sophie", "sophie")
    shoot(sophie, "phone-01-start-space")
    sophie.get_by_label("I am the partner who was hurt").check()
    sophie.get_by_role("button", name="Create our space").click()
    code = sophie.locator("#invite-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{10}", code)
    shoot(sophie, "phone-02-invite")

    emma = new_page(browser, live_server, PHONE)
    sign_up(emma, "Emma", "emma")
    emma.goto(f"/couple/join/{code}/")
    emma.get_by_role("button", name="Join").click()
    assert "You share this space with Sophie" in emma.content()

    sophie.goto("/couple/safety/")
    shoot(sophie, "phone-03-safety-check")
    answer_safety_calmly(sophie)
    answer_safety_calmly(emma)

    sophie.goto("/notes/new/")
    sophie.get_by_label("Title").fill("What I found")
    sophie.get_by_label("Note").fill(
        "I felt shut out when you told Jules about us instead of me. I need to know I'm "
        "your person.")
    sophie.get_by_role("button", name="Save").click()
    sophie.get_by_role("button", name="Share with my partner").click()
    assert "Shared. Your partner can read it now." in sophie.content()
    shoot(sophie, "phone-04-shared-note")

    emma.goto("/notes/")
    emma.get_by_role("link", name="What I found").click()
    assert "I need to know I'm your person." in emma.content()
    shoot(emma, "phone-05-partner-reads")

    # Quick exit: the page leaves for the neutral site and the session ends behind it.
    emma.get_by_role("link", name="Quick exit").click()
    emma.wait_for_url(settings.QUICK_EXIT_URL)
    assert emma.outside == [settings.QUICK_EXIT_URL]
    emma.go_back()
    emma.wait_for_load_state()
    assert "I need to know" not in emma.content()
    assert sophie.outside == [] and sophie.console_errors == [] and emma.console_errors == []
    assert Note.objects.filter(shared_at__isnull=False).count() == 1


@pytest.mark.django_db(transaction=True)
def test_escape_twice_leaves_at_once(browser, live_server):
    page = new_page(browser, live_server, DESKTOP)
    page.goto("/accounts/sign-in/")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(settings.QUICK_EXIT_URL)


@pytest.mark.django_db(transaction=True)
def test_keyboard_reaches_skip_link_then_quick_exit_first(browser, live_server):
    page = new_page(browser, live_server, DESKTOP)
    page.goto("/accounts/sign-in/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quick-exit"


@pytest.mark.django_db(transaction=True)
def test_key_pages_at_phone_and_desktop_widths(browser, live_server, shoot):
    from goldseam.web.core.demo import DEMO_ACCOUNTS, seed_demo

    seed_demo()
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page = new_page(browser, live_server, size)
        page.goto("/accounts/sign-in/")
        shoot(page, f"{label}-10-sign-in")
        page.get_by_label("Sign-in name").fill("sophie")
        page.get_by_label("Password").fill(DEMO_ACCOUNTS["sophie"]["password"])
        page.get_by_role("button", name="Sign in").click()
        for path, name in (("/couple/", "home"), ("/notes/", "notes"),
                           ("/couple/safety/", "safety"), ("/couple/therapist/", "therapist"),
                           ("/accounts/", "account")):
            page.goto(path)
            shoot(page, f"{label}-11-{name}")
        page.goto("/notes/new/")
        page.get_by_label("Note").fill("x" * 20_001)
        page.get_by_role("button", name="Save").click()
        assert page.locator("#id_body_error").is_visible()
        shoot(page, f"{label}-12-form-error")
        assert page.outside == [] and page.console_errors == []


@pytest.mark.django_db(transaction=True)
def test_concern_shows_support_to_the_answerer_and_a_neutral_pause_to_the_other(
        browser, live_server, shoot):
    from goldseam.web.core.demo import DEMO_ACCOUNTS, seed_demo

    seed_demo()
    pages = {}
    for name in ("sophie", "emma"):
        page = new_page(browser, live_server, PHONE)
        page.goto("/accounts/sign-in/")
        page.get_by_label("Sign-in name").fill(name)
        page.get_by_label("Password").fill(DEMO_ACCOUNTS[name]["password"])
        page.get_by_role("button", name="Sign in").click()
        pages[name] = page
    sophie, emma = pages["sophie"], pages["emma"]
    sophie.goto("/couple/safety/")
    for group in sophie.locator("fieldset").all():
        group.get_by_label("No", exact=True).check()
    sophie.locator("fieldset").first.get_by_label("Yes", exact=True).check()
    sophie.get_by_role("button", name="Save my answers").click()
    assert sophie.get_by_role("heading", name="Support, if you want it").is_visible()
    shoot(sophie, "phone-06-safety-support")
    emma.goto("/couple/together/")
    text = emma.locator("main").inner_text()
    assert "paused for now" in text and "Support" not in text and "afraid" not in text
    shoot(emma, "phone-07-paused-neutral")
