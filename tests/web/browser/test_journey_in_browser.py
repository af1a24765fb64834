"""The demo couple walks stages 1-4 of the journey in real Chromium, with the live coach.

Screenshots at phone (390 px) and desktop widths go to artifacts/screenshots/journey-*.png.
"""
from __future__ import annotations

import re

import pytest

from goldseam.web.journey import models as m
from goldseam.web.rebuild import models as ledger

from .conftest import DESKTOP, PHONE
from .test_partners_in_browser import new_page

pytestmark = pytest.mark.browser


def sign_in(browser, live_server, username: str, size):
    from goldseam.web.core.demo import DEMO_ACCOUNTS

    page = new_page(browser, live_server, size)
    page.goto("/accounts/sign-in/")
    page.get_by_label("Sign-in name").fill(username)
    page.get_by_label("Password").fill(DEMO_ACCOUNTS[username]["password"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r".*/couple/.*"))
    return page


def both_widths(shoot, page, name: str) -> None:
    """Save the page at phone width and at desktop width."""
    page.set_viewport_size(PHONE)
    shoot(page, f"journey-phone-{name}")
    page.set_viewport_size(DESKTOP)
    shoot(page, f"journey-desktop-{name}")
    page.set_viewport_size(PHONE)


@pytest.mark.django_db(transaction=True)
def test_demo_couple_walks_stages_one_to_four(browser, live_server, shoot):
    from goldseam.web.core.demo import seed_demo

    seed_demo()
    sophie = sign_in(browser, live_server, "sophie", PHONE)
    emma = sign_in(browser, live_server, "emma", PHONE)

    # Stage 1: Sophie names the hurt with the live coach beside the box.
    # The demo seed has one injury under way; Sophie starts a second one from scratch.
    sophie.goto("/journey/")
    both_widths(shoot, sophie, "01-journey")
    sophie.get_by_role("link", name="Start working on a hurt").click()
    sophie.get_by_label("A short name for it").fill("The evening in Lyon")
    sophie.get_by_label("I was", exact=True).check()
    sophie.get_by_role("button", name="Start working on a hurt").click()
    injury = m.Injury.objects.get(created_by__username="sophie",
                                  pk__gt=m.Injury.objects.order_by("pk").first().pk)
    sophie.goto(f"/journey/{injury.pk}/statement/")
    sophie.get_by_label("What happened").fill(
        "You lied to me and you always put her first. You told Jules about our fights.")
    sophie.locator("#coach-live mark.mark-blame").first.wait_for()
    assert "may land as blame" in sophie.locator("#coach-live").inner_text()
    assert "see the coach below" in sophie.locator(".coach-hint").first.inner_text()
    both_widths(shoot, sophie, "02-coach-marks-blame")
    suggestion = sophie.locator("#coach-live .coach-suggestions button").first
    sophie.get_by_label("What it did to me").click()
    suggestion.click()
    assert "I felt" in sophie.get_by_label("What it did to me").input_value()
    sophie.get_by_role("button", name="alone", exact=True).click()
    sophie.locator(".autosave-status").filter(has_text="Draft saved").wait_for()
    assert not m.Statement.objects.get(injury=injury).is_shared
    both_widths(shoot, sophie, "03-reframe-inserted")
    sophie.get_by_role("button", name="Share with Emma").click()
    assert "Shared. Emma can read it now." in sophie.content()

    # Stage 2: each writes their side; the map appears once both shared.
    for page, answers in ((sophie, ("kept asking who she was texting", "replaceable",
                                    "that I am not your person", "knowing I matter to you")),
                          (emma, ("went quiet and left the room", "ashamed",
                                  "that I keep failing you", "being close without a fight"))):
        page.goto(f"/journey/{injury.pk}/cycle/")
        for label, text in zip(("What I did", "What I felt underneath", "What I feared",
                                "What I longed for"), answers):
            page.get_by_label(label).fill(text)
        page.get_by_role("button", name=re.compile(r"^Share with")).click()
    sophie.goto(f"/journey/{injury.pk}/cycle/")
    assert "pursue-withdraw" in sophie.content()
    assert sophie.locator("svg.cycle-svg").is_visible()
    both_widths(shoot, sophie, "04-cycle-map")

    # Stage 3: Emma answers with the coach in the repairing role; two rounds.
    emma.goto(f"/journey/{injury.pk}/acknowledge/")
    emma.get_by_label("My answer").fill("I'm sorry if you felt hurt, but you were snooping.")
    emma.locator("#coach-live .coach-checklist").wait_for()
    both_widths(shoot, emma, "05-coach-repairing")
    emma.get_by_role("button", name="Send to Sophie").click()
    sophie.goto(f"/journey/{injury.pk}/acknowledge/")
    sophie.get_by_label("Not yet").check()
    sophie.get_by_label(re.compile("What would you still like")).fill("Why her and not me?")
    sophie.get_by_role("button", name="Save").click()
    emma.goto(f"/journey/{injury.pk}/acknowledge/")
    emma.get_by_label("My answer").fill(
        "I can see how alone and replaceable you felt. I went to Jules instead of to you, and "
        "that was wrong. I'm so sorry. I'll tell you whenever she contacts me.")
    emma.get_by_role("button", name="Send to Sophie").click()
    sophie.goto(f"/journey/{injury.pk}/acknowledge/")
    sophie.get_by_label("I felt heard").check()
    sophie.get_by_role("button", name="Save").click()
    assert "You felt heard." in sophie.content()
    both_widths(shoot, sophie, "06-rounds")

    # Stage 4: a need, an answer, and the promise in it becomes a ledger commitment.
    sophie.goto(f"/journey/{injury.pk}/needs/")
    sophie.get_by_label("What I need").fill("I need to know I'm your person.")
    sophie.get_by_role("button", name="Send to Emma").click()
    emma.goto(f"/journey/{injury.pk}/needs/")
    emma.get_by_label("My answer").fill(
        "You are my person. From now on I'll tell you whenever she contacts me.")
    emma.get_by_role("button", name="Answer").click()
    emma.get_by_label(re.compile("How often")).fill("whenever she contacts me")
    both_widths(shoot, emma, "07-needs-offer")
    emma.get_by_role("button", name="Add as a commitment").click()
    assert "Added to your commitments." in emma.content()
    assert ledger.Commitment.objects.filter(owner__username="emma",
                                            source__startswith="journey:").count() == 1

    sophie.goto(f"/journey/{injury.pk}/")
    both_widths(shoot, sophie, "08-path-done")
    kinds = set(m.JourneyEvent.objects.filter(injury=injury).values_list("kind", flat=True))
    assert {"statement_shared", "first_acknowledgment", "felt_heard"} <= kinds
    assert sophie.console_errors == [] and emma.console_errors == []
    assert sophie.outside == [] and emma.outside == []


@pytest.mark.django_db(transaction=True)
def test_statement_works_without_javascript(browser, live_server, shoot):
    from goldseam.web.core.demo import DEMO_ACCOUNTS, seed_demo

    seed_demo()
    context = browser.new_context(viewport=PHONE, base_url=live_server.url,
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto("/accounts/sign-in/")
    page.get_by_label("Sign-in name").fill("sophie")
    page.get_by_label("Password").fill(DEMO_ACCOUNTS["sophie"]["password"])
    page.get_by_role("button", name="Sign in").click()
    injury = m.Injury.objects.get()
    page.goto(f"/journey/{injury.pk}/statement/")
    page.get_by_label("What happened").fill("You never listen and you always put her first.")
    page.get_by_role("button", name="Check my words").click()
    assert page.locator("#coach-live mark").count() >= 1
    assert "may land as blame" in page.locator("#coach-live").inner_text()
    assert "You never listen" in page.get_by_label("What happened").input_value()
    shoot(page, "journey-phone-09-check-without-js")
    page.get_by_role("button", name="Save draft").click()
    assert "Saved. This is shared, so Emma sees this version." in page.content()
    assert m.Statement.objects.get(injury=injury).what_happened.startswith("You never listen")
    context.close()
