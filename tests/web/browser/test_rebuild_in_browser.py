"""A week in the life of the demo couple, in real Chromium, with screenshots of the charts.

Each evening of one week (a frozen clock that ticks), Emma signs in on her phone and marks
that she texted when leaving work; Sophie confirms (once she experienced it as missed, and
the ledger shows the disagreement gently); they mark their evening talk; on the third day
Emma logs that Jules got in touch; on the last day both check in. Then the dashboard and the
therapist's page are photographed at phone and desktop widths.
"""
from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from goldseam.web.core.demo import DEMO_ACCOUNTS, seed_demo
from goldseam.web.rebuild import models as m

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser
LONDON = ZoneInfo("Europe/London")
NEUTRAL_PAGE = "<html><head><title>Weather</title></head><body>Sunny</body></html>"


def open_page(browser, live_server, size, pages):
    context = browser.new_context(viewport=size, base_url=live_server.url)
    outside: list[str] = []

    def handle(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)

    context.route("**/*", handle)
    page = context.new_page()
    page.outside, page.console_errors = outside, []
    page.on("console", lambda msg: page.console_errors.append(msg.text)
            if msg.type == "error" else None)
    pages.append(page)
    return page


def sign_in(page, username: str):
    page.goto("/accounts/sign-in/")
    page.get_by_label("Sign-in name").fill(username)
    page.get_by_label("Password", exact=True).fill(DEMO_ACCOUNTS[username]["password"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/couple/**")


def commitment_pk(text_start: str) -> int:
    for row in m.Commitment.objects.all():
        if row.versions.order_by("number").first().text.startswith(text_start):
            return row.pk
    raise AssertionError(text_start)


def answer_all(page, last: str = "Yes, that's right"):
    """Confirm every entry waiting for this partner, the newest one with ``last``."""
    agree = page.get_by_role("button", name="Yes, that's right")
    while agree.count() > 1:
        agree.first.click()
        page.wait_for_load_state()
    page.get_by_role("button", name=last).first.click()


def check_in(page, value: str, need: str):
    page.goto("/rebuild/checkin/")
    for group in page.locator("fieldset.scale").all():
        group.locator(f"input[value='{value}']").check()
    page.get_by_label("What do you need from your partner this coming week?").fill(need)
    page.get_by_role("button", name="Save my check-in").click()


@pytest.mark.django_db(transaction=True)
def test_a_week_in_the_life_of_the_demo_couple(browser, live_server, shoot):
    seed_demo()
    leave_pk = commitment_pk("I'll text you when I leave work")
    leave = f"/rebuild/commitments/{leave_pk}/"
    jules = f"/rebuild/commitments/{commitment_pk('I' + chr(39) + 'll tell you the same day')}/"
    pages: list = []
    start = timezone.now().astimezone(LONDON).replace(hour=19, minute=0, second=0)
    weekday_evenings = [d for d in range(7) if (start + timedelta(days=d)).weekday() < 5]
    # The second weekday evening Sophie experiences it differently from Emma.
    felt_missed_day = weekday_evenings[1]
    for day in range(7):
        evening = start + timedelta(days=day)
        with time_machine.travel(evening, tick=True):
            emma = open_page(browser, live_server, PHONE, pages)
            sign_in(emma, "emma")
            if evening.weekday() < 5:
                emma.goto(leave)
                emma.get_by_role("button", name="Kept", exact=True).first.click()
                assert "Saved." in emma.content()
            if day == 2:
                emma.goto(jules)
                emma.get_by_label("A note (optional)").fill("Jules asked how I was. I said I "
                                                            "was working on us.")
                emma.get_by_role("button", name="Kept", exact=True).click()
            sophie = open_page(browser, live_server, PHONE, pages)
            sign_in(sophie, "sophie")
            if evening.weekday() < 5:
                sophie.goto(leave)
                answer_all(sophie, "It felt missed" if day == felt_missed_day
                           else "Yes, that's right")
                assert "Saved." in sophie.content()
            if day == 2:
                sophie.goto(jules)
                sophie.get_by_role("button", name="Yes, that's right").first.click()
            sophie.goto("/rebuild/")
            rituals = sophie.get_by_role("button", name="We did it today")
            while rituals.count():
                rituals.first.click()
                sophie.wait_for_load_state()
            if day == 6:
                check_in(sophie, "5", "To keep hearing about it from you first.")
                check_in(emma, "6", "A walk where we talk about us, not about Jules.")
            emma.context.close()
            sophie.context.close()
    # Sunday night: how the week looks.
    with time_machine.travel(start + timedelta(days=6, hours=1), tick=True):
        phone = open_page(browser, live_server, PHONE, pages)
        sign_in(phone, "sophie")
        phone.goto(leave)
        assert "you saw this differently" in phone.content()
        shoot(phone, "rebuild-phone-commitment")
        phone.goto("/rebuild/")
        assert phone.locator("figure.chart svg").count() == 7
        assert "Worth talking about" in phone.content()
        shoot(phone, "rebuild-phone-dashboard")
        phone.get_by_text("Each part of the check-in").click()
        assert phone.locator("figure.chart-safety svg").is_visible()
        phone.goto("/rebuild/checkin/")
        shoot(phone, "rebuild-phone-checkin")
        desk = open_page(browser, live_server, DESKTOP, pages)
        sign_in(desk, "emma")
        desk.goto("/rebuild/")
        desk.get_by_text("Each part of the check-in").click()
        shoot(desk, "rebuild-desktop-dashboard")
        desk.goto("/rebuild/commitments/")
        shoot(desk, "rebuild-desktop-ledger")
        therapist = open_page(browser, live_server, DESKTOP, pages)
        therapist.goto("/accounts/sign-in/")
        therapist.get_by_label("Sign-in name").fill("therapist")
        therapist.get_by_label("Password", exact=True).fill(
            DEMO_ACCOUNTS["therapist"]["password"])
        therapist.get_by_role("button", name="Sign in").click()
        therapist.goto("/therapist/")
        therapist.get_by_role("link", name="Sophie & Emma").click()
        assert therapist.locator("figure.chart svg").count() == 3
        shoot(therapist, "therapist-desktop-couple")
    # Each weekday counted once, marked and answered; one of them a disagreement.
    leave_week = m.Occurrence.objects.filter(
        commitment_id=leave_pk, due__gte=start.date(), due__lte=(start + timedelta(days=6)).date())
    assert len(leave_week) == len(weekday_evenings)
    assert all(o.owner_kept and o.partner_kept is not None for o in leave_week)
    missed = [o.due for o in leave_week if o.partner_kept is False]
    assert missed == [(start + timedelta(days=felt_missed_day)).date()]
    for page in pages:
        assert page.outside == [] and page.console_errors == []
