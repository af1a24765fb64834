"""Pages of the couple's story: read, draft, edit, merge, history, diff, restore and "ours".

Every view opens with ``require_joint_work_allowed``: the story is joint work, read and written
by both partners, and pauses with every other joint exercise. Exports and the language model
live in ``export_views``.
"""
from __future__ import annotations

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goldseam.story.diff import diff_versions
from goldseam.story.draft import draft_story
from goldseam.story.errors import StoryError
from goldseam.story.merge import merge
from goldseam.story.text import check_length, parse_markdown
from goldseam.web.core.access import require_joint_work_allowed
from goldseam.web.core.wording import say
from goldseam.web.story import state
from goldseam.web.story.forms import StoryForm
from goldseam.web.story.records import gather


def _note(v) -> str:
    if v.note == "restored":
        return say("story.note_restored", number=v.restored_from)
    return say(f"story.note_{v.note}")


def _byline(v) -> str:
    when = formats.date_format(v.created_at, "DATETIME_FORMAT")
    return say("story.version_by", number=v.number, name=str(v.owner), when=when)


def _journey_url() -> str:
    # A new hurt starts a new path on the journey page, where that app is installed.
    try:
        return reverse("journey:injury-new")
    except NoReverseMatch:
        return ""


@require_joint_work_allowed
@require_GET
def home(request):
    """Show the newest version of the story, its "ours" marks and what the couple can do."""
    newest = state.latest(request.user, request.couple)
    st = state.story_state(request.couple)
    context = {"newest": newest, "journey_url": _journey_url(),
               "partner_name": state.partner_name(request.user, request.couple),
               "state": st, "model_ready": st.model_enabled() and state.model_config() is not None}
    if newest is not None:
        context.update(story=parse_markdown(newest.text), byline=_byline(newest),
                       ours=state.ours(request.user, request.couple, newest),
                       withdrawn=state.withdrawn_since_draft(request.user, request.couple))
    return render(request, "story/home.html", context)


@require_joint_work_allowed
@require_POST
def draft(request):
    """Draft the story from the couple's shared records and save it as the newest version."""
    sources: list[str] = []
    records = gather(request.user, request.couple, sources=sources)
    text = draft_story(records).to_markdown()
    had = state.latest(request.user, request.couple) is not None
    try:
        saved = state.append(request.user, request.couple, text, "drafted", sources=sources)
    except StoryError as error:  # many long statements can outgrow the story's limit
        messages.error(request, str(error))
        return redirect("story:home")
    message = say("story.redrafted", number=saved.number) if had else say("story.drafted")
    messages.success(request, message)
    return redirect("story:home")


def _merge_page(request, result, mine: str, base: int, theirs, note: str = ""):
    passages = [{"index": i, "conflict": c} for i, c in enumerate(result.conflicts)]
    return render(request, "story/merge.html", {
        "passages": passages, "mine": mine, "base": base, "theirs": theirs,
        "theirs_name": str(theirs.owner), "note": note,
    })


@require_joint_work_allowed
@require_http_methods(["GET", "POST"])
def edit(request):
    """Edit the story; a partner's save in between is merged or shown as a conflict."""
    newest = state.latest(request.user, request.couple)
    if request.method == "GET":
        draft_row = state.own_draft(request.user, request.couple)
        if draft_row is not None and draft_row.text.strip():
            # Nothing lost: an unsaved edit comes back, with the version it started from.
            form = StoryForm(initial={"text": draft_row.text, "base": draft_row.base})
            when = formats.date_format(draft_row.updated_at, "DATETIME_FORMAT")
            return render(request, "story/edit.html",
                          {"form": form, "notice": say("story.draft_back", when=when)})
        form = StoryForm(initial={"text": newest.text if newest else "",
                                  "base": newest.number if newest else 0})
        return render(request, "story/edit.html", {"form": form})
    form = StoryForm(request.POST)
    if not form.is_valid():
        return render(request, "story/edit.html", {"form": form}, status=400)
    text, base = form.cleaned_data["text"], form.cleaned_data["base"]
    try:
        outcome = state.save(request.user, request.couple, text, base,
                             form.cleaned_data.get("note") or "edited")
    except StoryError as error:
        form.add_error("text", str(error))
        return render(request, "story/edit.html", {"form": form}, status=400)
    if outcome.conflicts is not None:
        return _merge_page(request, outcome.conflicts, text, base, outcome.theirs)
    state.drop_draft(request.user, request.couple)
    if outcome.unchanged:
        messages.info(request, say("story.unchanged"))
    elif outcome.merged:
        messages.success(request, say("story.merged", number=outcome.version.number))
    else:
        messages.success(request, say("story.saved", number=outcome.version.number))
    return redirect("story:home")


@require_joint_work_allowed
@require_POST
def merge_view(request):
    """Save the story with the partner's choice for each conflicting passage."""
    mine = request.POST.get("mine", "")
    try:
        base = int(request.POST.get("base", ""))
        theirs_number = int(request.POST.get("theirs", ""))
    except ValueError:
        return redirect("story:edit")
    try:
        check_length(mine)
    except StoryError as error:
        # Keep what was typed: back in the editor, with the reason beside the text.
        form = StoryForm({"text": mine, "base": base, "note": "edited"})
        if form.is_valid():  # the form's own check may already have said it, in its words
            form.add_error("text", str(error))
        return render(request, "story/edit.html", {"form": form}, status=400)
    newest = state.latest(request.user, request.couple)
    base_text = state.version(request.user, request.couple, base).text if base else ""
    theirs = state.version(request.user, request.couple, theirs_number)
    if newest is None or newest.number != theirs.number:
        # The partner saved again meanwhile: compare with the newest text instead.
        result = merge(base_text, mine, newest.text)
        if result.clean:
            saved = state.append(request.user, request.couple, result.text, "merged")
            messages.success(request, say("story.merged", number=saved.number))
            return redirect("story:home")
        note = say("story.merge_moved_on", name=str(newest.owner))
        return _merge_page(request, result, mine, base, newest, note)
    result = merge(base_text, mine, theirs.text)
    choices, problem = [], ""
    for i in range(len(result.conflicts)):
        choice = request.POST.get(f"choice-{i}", "")
        if choice == "own":
            own = request.POST.get(f"own-{i}", "")
            if not own.strip():
                problem = problem or say("story.merge_own_empty", number=i + 1)
            choices.append(own)
        elif choice in ("mine", "theirs", "both"):
            choices.append(choice)
        else:
            problem = problem or say("story.merge_choose")
            choices.append("")
    if problem:
        return _merge_page(request, result, mine, base, theirs, problem)
    try:
        saved = state.append(request.user, request.couple, result.resolve(choices), "merged")
    except StoryError as error:
        return _merge_page(request, result, mine, base, theirs, str(error))
    state.drop_draft(request.user, request.couple)
    messages.success(request, say("story.saved", number=saved.number))
    return redirect("story:home")


@require_joint_work_allowed
@require_POST
def autosave(request):
    """Keep the partner's unsaved edit as a private draft; answer JSON for the page's script."""
    form = StoryForm(request.POST)
    if not form.is_valid():
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        return JsonResponse({"saved": False, "message": say("story.autosave_failed"),
                             "errors": errors}, status=400)
    state.keep_draft(request.user, request.couple, form.cleaned_data["text"],
                     form.cleaned_data["base"])
    time = timezone.localtime().strftime("%H:%M")
    return JsonResponse({"saved": True, "message": say("story.autosaved", time=time)})


@require_joint_work_allowed
@require_GET
def history(request):
    """List every version with its author, and links to read, compare and restore."""
    rows = [{"v": v, "note": _note(v), "byline": _byline(v)}
            for v in reversed(state.versions(request.user, request.couple))]
    return render(request, "story/history.html", {"rows": rows})


@require_joint_work_allowed
@require_GET
def version_view(request, number: int):
    """Show one earlier version of the story."""
    v = state.version(request.user, request.couple, number)
    return render(request, "story/version.html",
                  {"v": v, "story": parse_markdown(v.text), "byline": _byline(v)})


@require_joint_work_allowed
@require_GET
def diff(request, a: int, b: int):
    """Show what changed from version ``a`` to version ``b``, word by word."""
    old = state.version(request.user, request.couple, a)
    new = state.version(request.user, request.couple, b)
    changes = diff_versions(old.text, new.text)
    return render(request, "story/diff.html", {"a": old, "b": new, "diff": changes})


@require_joint_work_allowed
@require_POST
def restore(request, number: int):
    """Save version ``number``'s text again as the newest version."""
    old = state.version(request.user, request.couple, number)
    saved = state.append(request.user, request.couple, old.text, "restored", restored_from=number)
    messages.success(request, say("story.restored", old=number, number=saved.number))
    return redirect("story:home")


@require_joint_work_allowed
@require_POST
def mark_ours(request):
    """Mark the newest version as ours for this partner; both marks make it the couple's."""
    newest = state.latest(request.user, request.couple)
    try:
        number = int(request.POST.get("number", ""))
    except ValueError:
        number = -1
    if newest is None or number != newest.number:
        messages.error(request, say("story.ours_wrong_version"))
        return redirect("story:home")
    result = state.mark_ours(request.user, request.couple, number)
    if result.both:
        messages.success(request, say("story.ours_done", number=number))
    else:
        messages.success(request, say("story.ours_marked_me", number=number))
    return redirect("story:home")
