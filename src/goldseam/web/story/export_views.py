"""Export the story (Markdown, PDF) and offer the optional language model's rewrite.

Exports sit behind a fresh password entry (``reauth_required``): the file leaves Goldseam's
encryption once downloaded. The language model runs only when the operator configured an
endpoint and both partners turned it on; the settings page says what is sent and where.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goldseam.language.types import MAX_TEXT_CHARS
from goldseam.story.export import filename, markdown_export, pdf_export
from goldseam.story.llm import polish_reframe, polish_story
from goldseam.story.text import parse_markdown
from goldseam.web.accounts.reauth import reauth_required
from goldseam.web.core.access import require_joint_work_allowed
from goldseam.web.core.wording import say
from goldseam.web.journey.views.coach import over_rate
from goldseam.web.story import state
from goldseam.web.story.forms import StoryForm
from goldseam.web.story.records import chart_lines, gather


def _newest_or_home(request):
    newest = state.latest(request.user, request.couple)
    if newest is None:
        messages.info(request, say("story.none_yet"))
    return newest


def _download(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@require_joint_work_allowed
@reauth_required
@require_GET
def export_markdown(request):
    """Download the newest version as a Markdown file."""
    newest = _newest_or_home(request)
    if newest is None:
        return redirect("story:home")
    title = parse_markdown(newest.text).title
    return _download(markdown_export(newest.text), filename(title, "md"),
                     "text/markdown; charset=utf-8")


@require_joint_work_allowed
@reauth_required
@require_GET
def export_pdf(request):
    """Download the newest version as a typeset PDF with the trust chart."""
    newest = _newest_or_home(request)
    if newest is None:
        return redirect("story:home")
    records = gather(request.user, request.couple)
    data = pdf_export(newest.text, chart_lines(records), newest.created_at.date())
    title = parse_markdown(newest.text).title
    return _download(data, filename(title, "pdf"), "application/pdf")


@require_joint_work_allowed
@require_http_methods(["GET", "POST"])
def model_settings(request):
    """Say plainly what the language model would receive and where; let each partner opt in."""
    st = state.story_state(request.couple)
    config = state.model_config()
    if request.method == "POST" and config is not None:
        if request.POST.get("consent") == "on":
            st.model_consent.add(request.user)
            messages.success(request, say("story.model_now_on"))
        else:
            st.model_consent.remove(request.user)
            messages.success(request, say("story.model_now_off"))
        return redirect("story:model")
    consenting = set(st.model_consent.values_list("pk", flat=True))
    me = request.user.pk in consenting
    partner_on = bool(consenting - {request.user.pk})
    name = state.partner_name(request.user, request.couple)
    if me and partner_on:
        status = say("story.model_status_on")
    elif me:
        status = say("story.model_status_me", name=name)
    elif partner_on:
        status = say("story.model_status_partner", name=name)
    else:
        status = say("story.model_status_off")
    where = ""
    if config is not None:
        parts = urlsplit(config.endpoint)
        where = f"{parts.scheme}://{parts.netloc}"
    return render(request, "story/model.html", {
        "config": config, "where": where, "me": me, "status": status,
    })


@require_joint_work_allowed
@require_POST
def polish(request):
    """Offer the model's rewrite of the newest version in the editor; save nothing yet."""
    newest = _newest_or_home(request)
    if newest is None:
        return redirect("story:home")
    st = state.story_state(request.couple)
    rewrite = polish_story(newest.text, enabled=st.model_enabled(), config=state.model_config())
    if not rewrite.ok:
        messages.error(request, rewrite.error)
        return redirect("story:home")
    form = StoryForm(initial={"text": rewrite.text, "base": newest.number, "note": "polished"})
    return render(request, "story/polish.html", {"form": form})


#: Longest message the reframe rewrite accepts: the language engine's own limit.
REFRAME_MAX_CHARS = MAX_TEXT_CHARS


@require_joint_work_allowed
@require_POST
def polish_reframe_view(request):
    """Answer JSON with the model's gentler rewrite of ``text`` (a reframe), under the same rule.

    For the journey's coach: it sends one message only when the operator configured a model
    and both partners turned it on; otherwise it answers ``ok: false`` and sends nothing.
    """
    # Each POST may reach the external model: it counts against the coach's per-partner limit.
    if over_rate(request.user.pk):
        return JsonResponse({"ok": False, "message": say("journey.coach_rate_limited")},
                            status=429)
    text = request.POST.get("text", "")
    if not text.strip() or len(text) > REFRAME_MAX_CHARS:
        return JsonResponse({"ok": False, "message": say("story.reframe_bad_text",
                                                         limit=f"{REFRAME_MAX_CHARS:,}")},
                            status=400)
    st = state.story_state(request.couple)
    rewrite = polish_reframe(text, enabled=st.model_enabled(), config=state.model_config())
    if not rewrite.ok:
        return JsonResponse({"ok": False, "message": rewrite.error})
    return JsonResponse({"ok": True, "text": rewrite.text})
