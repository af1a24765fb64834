"""The story pages: drafting from shared records only, writing together, ours, exports, model."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from goldseam.story.text import MAX_STORY_CHARS
from goldseam.web.journey import models as j
from goldseam.web.rebuild.models import CheckInCadence
from goldseam.web.story.models import OursMark, StoryDraft, StoryState, StoryVersion

from .permissions.story import BASE_TEXT, couple_story

pytestmark = pytest.mark.django_db


def _injury(cast):
    return j.Injury.objects.create(couple=cast.couple, hurt_partner=cast.sophie,
                                   created_by=cast.sophie, title="The messages")


def _shared_and_private_records(cast):
    injury = _injury(cast)
    shared = j.Statement.objects.create(
        owner=cast.sophie, couple=cast.couple, injury=injury,
        what_happened="I saw the messages with Jules.", impact="I felt shut out.")
    shared.share()
    j.Need.objects.create(owner=cast.sophie, couple=cast.couple, injury=injury,
                          text="I need to know you reread me first, PRIVATE-NEED")
    emma = j.CycleAccount.objects.create(owner=cast.emma, couple=cast.couple, injury=injury,
                                         did="I went quiet", felt="ashamed", feared="",
                                         longed="PRIVATE-LONGING")
    return emma


def _text(response) -> str:
    return response.content.decode()


def test_draft_uses_shared_records_and_never_private_ones(cast, client_as):
    _shared_and_private_records(cast)
    client = client_as("emma")
    response = client.post(reverse("story:draft"), follow=True)
    page = _text(response)
    assert "I saw the messages with Jules." in page
    assert "PRIVATE-NEED" not in page and "PRIVATE-LONGING" not in page
    version = StoryVersion.objects.get(couple=cast.couple)
    assert version.owner == cast.emma and version.note == "drafted" and version.is_shared
    # The owner of the private records does not leak them into the joint story either.
    client_as("sophie").post(reverse("story:draft"))
    newest = StoryVersion.objects.filter(couple=cast.couple).order_by("-number").first()
    assert "PRIVATE-NEED" not in newest.text


def test_each_save_is_a_version_with_its_author(cast, client_as):
    couple_story(cast)
    response = client_as("sophie").post(reverse("story:edit"), {
        "text": BASE_TEXT.replace("spring", "June"), "base": 2})
    assert response.status_code == 302
    newest = StoryVersion.objects.get(couple=cast.couple, number=3)
    assert newest.owner == cast.sophie and "June" in newest.text
    history = _text(client_as("emma").get(reverse("story:history")))
    assert "Version 3, saved by Sophie" in history and "Version 2, saved by Emma" in history


def test_concurrent_edits_of_different_parts_are_combined(cast, client_as):
    base = BASE_TEXT + "\n## After\n\nWe walk.\n"
    StoryVersion.objects.create(owner=cast.sophie, couple=cast.couple, number=1, text=base)
    # Emma and Sophie both open version 1; Emma saves first.
    client_as("emma").post(reverse("story:edit"), {"text": base.replace("spring", "April"),
                                                   "base": 1})
    response = client_as("sophie").post(reverse("story:edit"), {
        "text": base.replace("We walk.", "We walk on Sundays."), "base": 1}, follow=True)
    assert "touched different parts" in _text(response)
    newest = StoryVersion.objects.get(couple=cast.couple, number=3)
    assert "April" in newest.text and "Sundays" in newest.text and newest.note == "merged"


def test_conflicting_edits_show_both_and_save_nothing_until_chosen(cast, client_as):
    couple_story(cast)  # v1 "spring" by Sophie, v2 "April" by Emma
    mine = BASE_TEXT.replace("spring", "May")
    client = client_as("sophie")
    response = client.post(reverse("story:edit"), {"text": mine, "base": 1})
    page = _text(response)
    assert "You both changed the same part" in page
    assert "We met in May." in page and "We met in April." in page
    assert StoryVersion.objects.filter(couple=cast.couple).count() == 2
    # Saving without a choice keeps the page and says what is missing.
    again = client.post(reverse("story:merge"), {"mine": mine, "base": 1, "theirs": 2})
    assert "Please choose for every passage." in _text(again)
    assert StoryVersion.objects.filter(couple=cast.couple).count() == 2
    done = client.post(reverse("story:merge"), {"mine": mine, "base": 1, "theirs": 2,
                                                "choice-0": "own",
                                                "own-0": "We met in late spring."})
    assert done.status_code == 302
    newest = StoryVersion.objects.get(couple=cast.couple, number=3)
    assert "We met in late spring." in newest.text and newest.owner == cast.sophie


def test_merge_against_a_newer_save_compares_with_the_newest(cast, client_as):
    couple_story(cast)
    StoryVersion.objects.create(owner=cast.emma, couple=cast.couple, number=3,
                                text=BASE_TEXT.replace("spring", "winter"))
    response = client_as("sophie").post(reverse("story:merge"), {
        "mine": BASE_TEXT.replace("spring", "May"), "base": 1, "theirs": 2, "choice-0": "mine"})
    page = _text(response)
    assert "saved again in the meantime" in page and "We met in winter." in page
    assert StoryVersion.objects.filter(couple=cast.couple).count() == 3


def test_restore_brings_back_an_old_version_as_the_newest(cast, client_as):
    couple_story(cast)
    client_as("emma").post(reverse("story:restore", kwargs={"number": 1}))
    newest = StoryVersion.objects.get(couple=cast.couple, number=3)
    assert newest.text == BASE_TEXT and newest.restored_from == 1 and newest.owner == cast.emma


def test_diff_marks_added_and_removed_words(cast, client_as):
    couple_story(cast)
    page = _text(client_as("sophie").get(reverse("story:diff", kwargs={"a": 1, "b": 2})))
    assert "<del>spring.</del>" in page and "<ins>April.</ins>" in page


def test_script_in_the_story_is_escaped_on_the_page(cast, client_as):
    text = "# Ours\n\n## Before\n\n<script>alert('x')</script>\n\n> <img src=x onerror=1>\n"
    StoryVersion.objects.create(owner=cast.sophie, couple=cast.couple, number=1, text=text)
    page = _text(client_as("emma").get(reverse("story:home")))
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)" in page
    assert "<img src=x" not in page


def test_empty_and_huge_stories_are_refused_and_the_text_is_kept(cast, client_as):
    client = client_as("sophie")
    empty = client.post(reverse("story:edit"), {"text": "   ", "base": 0})
    assert empty.status_code == 400 and "The story is empty." in _text(empty)
    huge = "# T\n\n" + "word " * (MAX_STORY_CHARS // 5 + 10)
    response = client.post(reverse("story:edit"), {"text": huge, "base": 0})
    assert response.status_code == 400
    assert "Please keep this under 100,000 characters" in _text(response)
    assert "word word word" in _text(response)  # the typed text is still in the box
    assert not StoryVersion.objects.filter(couple=cast.couple).exists()


def test_ours_needs_both_and_then_starts_monthly_boosters(cast, client_as):
    couple_story(cast)
    client_as("sophie").post(reverse("story:ours"), {"number": 2})
    assert not StoryState.objects.filter(couple=cast.couple, booster_monthly=True).exists()
    page = _text(client_as("emma").get(reverse("story:home")))
    assert "Sophie marked version 2 as ours." in page
    client_as("emma").post(reverse("story:ours"), {"number": 2})
    state = StoryState.objects.get(couple=cast.couple)
    assert state.booster_monthly and state.ours_at is not None
    assert CheckInCadence.objects.get(couple=cast.couple).every == "monthly"
    page = _text(client_as("sophie").get(reverse("story:home")))
    assert "It is your story." in page and reverse("journey:injury-new") in page


def test_a_change_after_ours_asks_both_again(cast, client_as):
    couple_story(cast)
    for who in ("sophie", "emma"):
        client_as(who).post(reverse("story:ours"), {"number": 2})
    client_as("emma").post(reverse("story:edit"), {"text": BASE_TEXT.replace("spring", "rain"),
                                                   "base": 2})
    page = _text(client_as("sophie").get(reverse("story:home")))
    assert "The story changed after it was marked" in page


def test_marking_a_version_that_is_no_longer_newest_is_refused(cast, client_as):
    couple_story(cast)
    response = client_as("sophie").post(reverse("story:ours"), {"number": 1}, follow=True)
    assert "The story changed while you were reading it." in _text(response)
    assert not OursMark.objects.exists()


def test_exports_ask_for_the_password_first(cast, client_as):
    couple_story(cast)
    response = client_as("sophie", fresh=False).get(reverse("story:export-pdf"))
    assert response.status_code == 302 and reverse("accounts:reauth") in response["Location"]


def test_markdown_export_is_the_newest_version(cast, client_as):
    couple_story(cast)
    response = client_as("emma").get(reverse("story:export-md"))
    body = response.content.decode()
    assert response["Content-Disposition"] == 'attachment; filename="our-story.md"'
    assert "We met in April." in body and body.startswith("<!-- goldseam story, format 1 -->")


def test_pdf_export_is_a_pdf(cast, client_as):
    couple_story(cast)
    response = client_as("sophie").get(reverse("story:export-pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_model_page_says_nothing_is_configured_by_default(cast, client_as, monkeypatch):
    monkeypatch.delenv("GOLDSEAM_LLM_URL", raising=False)
    page = _text(client_as("sophie").get(reverse("story:model")))
    assert "nothing is ever sent anywhere" in page


class _Model(BaseHTTPRequestHandler):
    calls: list = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).calls.append(body)
        story = body["messages"][1]["content"].replace("We met in April.",
                                                        "We met, one April, and stayed.")
        data = json.dumps({"choices": [{"message": {"content": story}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_model(monkeypatch):
    _Model.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Model)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("GOLDSEAM_LLM_URL", f"http://127.0.0.1:{server.server_port}/v1")
    monkeypatch.setenv("GOLDSEAM_LLM_MODEL", "tiny-local")
    yield _Model
    server.shutdown()
    server.server_close()


def test_model_page_names_what_is_sent_and_where(cast, client_as, fake_model):
    page = _text(client_as("sophie").get(reverse("story:model")))
    assert "http://127.0.0.1:" in page and "tiny-local" in page
    assert "Neither of you has turned it on." in page


def test_model_runs_only_when_both_partners_turned_it_on(cast, client_as, fake_model):
    couple_story(cast)
    client_as("sophie").post(reverse("story:model"), {"consent": "on"})
    refused = client_as("sophie").post(reverse("story:polish"), follow=True)
    assert "turned off" in _text(refused) and fake_model.calls == []
    client_as("emma").post(reverse("story:model"), {"consent": "on"})
    offered = _text(client_as("emma").post(reverse("story:polish")))
    assert "We met, one April, and stayed." in offered
    assert len(fake_model.calls) == 1
    # Nothing is saved until a partner saves the suggestion.
    assert StoryVersion.objects.filter(couple=cast.couple).count() == 2


def test_an_over_long_merge_goes_back_to_the_editor_with_the_text(cast, client_as):
    couple_story(cast)
    huge = "# T\n\n" + "word " * (MAX_STORY_CHARS // 5 + 10)
    response = client_as("sophie").post(reverse("story:merge"),
                                        {"mine": huge, "base": 1, "theirs": 2})
    assert response.status_code == 400 and "word word word" in _text(response)
    assert StoryVersion.objects.filter(couple=cast.couple).count() == 2


def test_autosave_keeps_a_private_draft_that_comes_back_in_the_editor(cast, client_as):
    couple_story(cast)
    half = BASE_TEXT.replace("spring", "the spring of the long rain")
    answer = client_as("emma").post(reverse("story:autosave"), {"text": half, "base": 2})
    assert answer.status_code == 200 and answer.json()["saved"] is True
    draft = StoryDraft.objects.get(owner=cast.emma)
    assert not draft.is_shared
    # Sophie neither sees Emma's draft in her editor nor in the story.
    assert "long rain" not in _text(client_as("sophie").get(reverse("story:edit")))
    assert "long rain" not in _text(client_as("sophie").get(reverse("story:home")))
    page = _text(client_as("emma").get(reverse("story:edit")))
    assert "long rain" in page and "Your unsaved changes from" in page
    client_as("emma").post(reverse("story:edit"), {"text": half, "base": 2})
    assert not StoryDraft.objects.filter(owner=cast.emma).exists()
    assert "long rain" in StoryVersion.objects.get(couple=cast.couple, number=3).text


def test_autosave_refuses_an_over_long_text_and_says_so(cast, client_as):
    huge = "word " * (MAX_STORY_CHARS // 5 + 10)
    answer = client_as("sophie").post(reverse("story:autosave"), {"text": huge, "base": 0})
    assert answer.status_code == 400 and answer.json()["saved"] is False
    assert "still in the box" in answer.json()["message"]


def test_reframe_rewrite_is_refused_without_both_yeses_and_offered_with_them(
        cast, client_as, fake_model):
    off = client_as("sophie").post(reverse("story:reframe"), {"text": "You always leave!"})
    assert off.json()["ok"] is False and fake_model.calls == []
    for who in ("sophie", "emma"):
        client_as(who).post(reverse("story:model"), {"consent": "on"})
    on = client_as("sophie").post(reverse("story:reframe"), {"text": "You always leave!"})
    assert on.json() == {"ok": True, "text": "You always leave!"}  # the fake echoes it
    assert fake_model.calls[0]["messages"][1]["content"] == "You always leave!"
    bad = client_as("sophie").post(reverse("story:reframe"), {"text": "  "})
    assert bad.status_code == 400


def test_a_draft_beyond_the_limit_is_refused_with_a_message(cast, client_as, monkeypatch):
    from goldseam.story.text import Story
    from goldseam.web.story import views

    huge = Story("# " + "long " * (MAX_STORY_CHARS // 5))
    monkeypatch.setattr(views, "draft_story", lambda records: huge)
    response = client_as("sophie").post(reverse("story:draft"), follow=True)
    assert "the limit is 100,000" in _text(response)
    assert not StoryVersion.objects.filter(couple=cast.couple).exists()


def test_a_withdrawn_share_after_drafting_is_pointed_out_without_saying_whose(cast, client_as):
    _shared_and_private_records(cast)
    client_as("emma").post(reverse("story:draft"))
    version = StoryVersion.objects.get(couple=cast.couple)
    assert any(key.startswith("journey.statement:") for key in version.sources)
    assert "made private again" not in _text(client_as("emma").get(reverse("story:home")))
    j.Statement.objects.get(owner=cast.sophie).unshare()
    page = _text(client_as("emma").get(reverse("story:home")))
    assert "made private again" in page


def test_draft_tells_the_ledger_check_ins_and_rituals_of_the_rebuild_app(cast, client_as):
    from goldseam.web.rebuild.demo import seed_rebuild

    seed_rebuild(cast.couple, cast.sophie, cast.emma)
    client_as("sophie").post(reverse("story:draft"))
    text = StoryVersion.objects.get(couple=cast.couple).text
    repair, now = text.split("## Repair")[1], text.split("## Where we are")[1]
    assert "count, they have kept it" in repair
    assert "Sophie's rating of trust" in now and "rituals" in now
    assert "Going forward" in text and "will keep their word" in text
