"""The demo couple in real Chromium: draft the story, both edit it, mark it ours, export the PDF."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from goldseam.story.demo import demo_records
from goldseam.web.core.demo import DEMO_ACCOUNTS, seed_demo
from goldseam.web.journey import models as j
from goldseam.web.rebuild.models import CheckInCadence
from goldseam.web.story.models import StoryState, StoryVersion

from .conftest import DESKTOP, PHONE, SHOTS
from .test_partners_in_browser import new_page

pytestmark = pytest.mark.browser


def _share(record):
    record.save()
    record.share()
    return record


def _own(model, owner, injury, **fields):
    """Return ``owner``'s record of ``model`` for ``injury`` (the seed's, if any) with ``fields``."""
    record = model.objects.filter(owner=owner, injury=injury).first()
    record = record or model(owner=owner, couple=injury.couple, injury=injury)
    for name, value in fields.items():
        setattr(record, name, value)
    return _share(record)


def seed_journey(cast) -> None:
    """Give the seeded couple the shared journey records of the library's demo couple.

    Builds on the journey app's own demo injury when its seed made one.
    """
    lib = demo_records()
    couple, sophie, emma = cast["couple"], cast["sophie"], cast["emma"]
    injury = j.Injury.objects.filter(couple=couple).first() or j.Injury.objects.create(
        couple=couple, hurt_partner=sophie, created_by=sophie, title="The messages with Jules")
    owner = {"sophie": sophie, "emma": emma}
    statement = next(s for s in lib.injuries if s.shared)
    _own(j.Statement, sophie, injury, what_happened=statement.happened, impact=statement.impact)
    for a in lib.cycle_accounts:
        _own(j.CycleAccount, owner[a.author_id], injury, did=a.did, felt=a.felt,
             feared=a.feared, longed=a.longed)
    for ack, answer in zip(lib.acknowledgments, lib.heard_answers, strict=True):
        response = _share(j.Response(owner=emma, couple=couple, injury=injury,
                                     number=ack.round, text=ack.text))
        _share(j.HeardAnswer(owner=sophie, couple=couple, injury=injury, response=response,
                             felt_heard=answer.felt_heard, question=answer.question))
    needs = [_share(j.Need(owner=sophie, couple=couple, injury=injury, text=n.text))
             for n in lib.needs]
    _share(j.NeedResponse(owner=emma, couple=couple, injury=injury, need=needs[0],
                          text=lib.responses[0].text))


def sign_in(page, username: str) -> None:
    page.goto("/accounts/sign-in/")
    page.get_by_label("Sign-in name").fill(username)
    page.get_by_label("Password", exact=True).fill(DEMO_ACCOUNTS[username]["password"])
    page.get_by_role("button", name="Sign in").click()


def editor_text(page) -> str:
    return page.get_by_label("The story").input_value()


@pytest.mark.django_db(transaction=True)
def test_both_partners_edit_mark_ours_and_export_the_pdf(browser, live_server, shoot):
    cast = seed_demo()
    seed_journey(cast)
    sophie = new_page(browser, live_server, DESKTOP)
    emma = new_page(browser, live_server, PHONE)
    sign_in(sophie, "sophie")
    sign_in(emma, "emma")

    sophie.goto("/story/")
    shoot(sophie, "story-01-empty-desktop")
    sophie.get_by_role("button", name="Draft our story").click()
    sophie.get_by_text("Here is a first draft.").wait_for()
    assert sophie.get_by_role("heading", name="The rupture").is_visible()
    assert sophie.get_by_text("For months you had been telling her about us").count() == 1
    shoot(sophie, "story-02-drafted-desktop")

    # Both open the editor on version 1; Emma saves first, Sophie's different change is merged.
    sophie.goto("/story/edit/")
    emma.goto("/story/edit/")
    text = editor_text(emma)
    emma.get_by_label("The story").fill(text.replace(
        "## Before\n\n", "## Before\n\nWe met at a friend's birthday, arguing about a film.\n\n",
        1))
    emma.get_by_text("Your changes are kept as a private draft").wait_for()
    shoot(emma, "story-03-editing-phone")
    emma.get_by_role("button", name="Save").click()
    emma.get_by_text("Saved as version 2.").wait_for()
    mine = editor_text(sophie)
    sophie.get_by_label("The story").fill(mine.rstrip("\n") + "\n\nWe are still learning.\n")
    sophie.get_by_role("button", name="Save").click()
    sophie.get_by_text("so both are kept in version 3").wait_for()
    newest = StoryVersion.objects.get(couple=cast["couple"], number=3)
    assert "arguing about a film" in newest.text and "still learning" in newest.text

    sophie.goto("/story/history/")
    sophie.get_by_role("link", name="What changed").first.click()
    assert sophie.locator("ins", has_text="We are still learning.").is_visible()
    shoot(sophie, "story-04-diff-desktop")

    # Both change the same sentence: Sophie sees both versions and chooses; nothing is lost.
    sophie.goto("/story/edit/")
    emma.goto("/story/edit/")
    heard = "felt heard."
    emma.get_by_label("The story").fill(editor_text(emma).replace(heard, "felt heard at last."))
    emma.get_by_role("button", name="Save").click()
    emma.get_by_text("Saved as version 4.").wait_for()
    sophie.get_by_label("The story").fill(editor_text(sophie).replace(heard, "felt heard, finally."))
    sophie.get_by_role("button", name="Save").click()
    sophie.get_by_role("heading", name="You both changed the same part").wait_for()
    assert sophie.get_by_text("felt heard at last.").is_visible()
    assert StoryVersion.objects.filter(couple=cast["couple"]).count() == 4
    shoot(sophie, "story-04b-conflict-desktop")
    sophie.get_by_label("Keep Emma's words").check()
    sophie.get_by_role("button", name="Save the combined story").click()
    sophie.get_by_text("Saved as version 5.").wait_for()

    sophie.goto("/story/")
    sophie.get_by_role("button", name="This is ours").click()
    sophie.get_by_text("You marked version 5 as ours.").first.wait_for()
    emma.goto("/story/")
    assert emma.get_by_text("Sophie marked version 5 as ours.").is_visible()
    emma.get_by_role("button", name="This is ours").click()
    emma.get_by_text("You both marked version 5 as ours.").wait_for()
    shoot(emma, "story-05-ours-phone")
    assert StoryState.objects.get(couple=cast["couple"]).booster_monthly
    assert CheckInCadence.objects.get(couple=cast["couple"]).every == "monthly"

    with sophie.expect_download() as download:
        sophie.get_by_role("link", name="Download as PDF").click()
    pdf = SHOTS / "story-demo.pdf"
    download.value.save_as(str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF-")
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(SHOTS / "story-pdf")],
                       check=True)
        assert (SHOTS / "story-pdf-1.png").exists()
    assert sophie.outside == [] and emma.outside == []
    assert sophie.console_errors == [] and emma.console_errors == []
