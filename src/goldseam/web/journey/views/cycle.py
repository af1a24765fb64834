"""Stage 2, see the cycle: private accounts, the shared cycle map, and chat imports."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goldseam.web.core.access import get_record_for, readable_records, require_joint_work_allowed
from goldseam.web.core.wording import say
from goldseam.web.journey import cyclemap
from goldseam.web.journey.forms import CycleAccountForm, ImportForm
from goldseam.web.journey.models import ChatTimeline, CycleAccount
from goldseam.web.journey.progress import mine_or_shared, own_record
from goldseam.web.journey.views.common import injury_for


def _timeline_view(timeline: ChatTimeline, user) -> dict:
    data = json.loads(timeline.result)
    pattern = data.get("pattern", "none")
    softening = data.get("softening_turns", [])
    count = len(data.get("turns", []))
    summary = (say("journey.timeline_turns", count=count,
                   softening=", ".join(str(i + 1) for i in softening))
               if softening else say("journey.timeline_no_softening", count=count))
    return {"record": timeline, "mine": timeline.owner_id == user.pk,
            "pattern": say("journey.timeline_pattern", pattern=pattern), "summary": summary,
            "has_chart": bool(timeline.chart_svg)}


def _page(request, injury, form, import_form=None, status=200):
    user = request.user
    other = request.couple.other_partner(user)
    own = own_record(user, CycleAccount, injury)
    theirs = mine_or_shared(user, CycleAccount, injury, other) if other else None
    cycle = None
    if own and theirs and own.is_shared and theirs.is_shared:
        hurt_first = injury.is_hurt(user)
        a, b = (own, theirs) if hurt_first else (theirs, own)
        a_user, b_user = (user, other) if hurt_first else (other, user)
        cycle = cyclemap.compose(a, b, a_user.display_name, b_user.display_name)
    timelines = readable_records(user, ChatTimeline.objects.filter(injury=injury))
    return render(request, "journey/cycle.html", {
        "injury": injury, "form": form, "own": own, "theirs": theirs, "cycle": cycle,
        "other_name": other.display_name if other else "",
        "import_form": import_form or ImportForm(),
        "timelines": [_timeline_view(t, user) for t in timelines],
    }, status=status)


@require_joint_work_allowed
@require_http_methods(["GET", "POST"])
def cycle(request, pk: int):
    """Let each partner write their side privately and share it; show the map once both did."""
    injury = injury_for(request, pk)
    own = own_record(request.user, CycleAccount, injury)
    form = CycleAccountForm(request.POST or None, instance=own)
    if request.method == "GET":
        return _page(request, injury, form)
    if not form.is_valid():
        return _page(request, injury, form, status=400)
    record = form.save(commit=False)
    record.owner, record.couple, record.injury = request.user, request.couple, injury
    record.save()
    if request.POST.get("action") == "share":
        if not record.complete:
            messages.error(request, say("journey.share_empty"))
            return _page(request, injury, CycleAccountForm(instance=record), status=400)
        record.share()
        messages.success(request, say("journey.account_shared"))
    elif record.is_shared:
        messages.success(request, say("journey.saved_shared",
                                      name=request.couple.other_partner(request.user).display_name))
    else:
        messages.success(request, say("journey.draft_saved"))
    return redirect("journey:cycle", pk=injury.pk)


@require_joint_work_allowed
@require_POST
def cycle_autosave(request, pk: int):
    """Save this partner's account from the page's script; answer JSON, share nothing new."""
    injury = injury_for(request, pk)
    own = own_record(request.user, CycleAccount, injury)
    form = CycleAccountForm(request.POST, instance=own)
    if not form.is_valid():
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        return JsonResponse({"saved": False, "errors": errors}, status=400)
    record = form.save(commit=False)
    record.owner, record.couple, record.injury = request.user, request.couple, injury
    record.save()
    time = timezone.localtime().strftime("%H:%M")
    name = request.couple.other_partner(request.user).display_name
    message = (say("journey.autosaved_shared", time=time, name=name) if record.is_shared
               else say("journey.autosaved", time=time))
    return JsonResponse({"saved": True, "message": message})


@require_joint_work_allowed
@require_POST
def cycle_unshare(request, pk: int):
    """Withdraw this partner's account into their private space."""
    injury = injury_for(request, pk)
    own = own_record(request.user, CycleAccount, injury)
    get_record_for(request.user, CycleAccount, own.pk if own else None, write=True).unshare()
    messages.success(request, say("journey.now_private"))
    return redirect("journey:cycle", pk=injury.pk)


def _timeline_of(request, injury, pk, *, write: bool = False) -> ChatTimeline:
    """Return timeline ``pk`` if the person may read it (write: owns it) and it belongs to
    ``injury``; else 404, so a URL never pairs a timeline with another injury."""
    record = get_record_for(request.user, ChatTimeline, pk, write=write)
    if record.injury_id != injury.pk:
        raise Http404
    return record


def _read_chat(upload) -> tuple[dict, str]:
    """Return (analysis dict, chart SVG) of an uploaded chat; raise ValueError with a reason."""
    # The conversation reader lives in goldseam.language.conversation (the package facade
    # does not re-export it).
    from goldseam.language.conversation import SpeakerError, analyze_conversation
    from goldseam.transcripts import TranscriptError, open_transcript

    suffix = Path(upload.name or "chat.txt").suffix.lower()[:8] or ".txt"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"chat{suffix}"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            conversation = next(iter(open_transcript(path)), None)
            if conversation is None:
                raise ValueError(say("journey.import_speakers", count=0))
            result = analyze_conversation(list(conversation.turns))
        except TranscriptError as error:
            raise ValueError(str(error).replace(str(path), upload.name or "")) from None
        except SpeakerError as error:
            raise ValueError(say("journey.import_speakers", count=len(error.speakers))) from None
        chart = ""
        try:
            from goldseam.transcripts.chart import draw_timeline

            chart_path = draw_timeline(result, Path(folder) / "timeline.svg")
            chart = chart_path.read_text(encoding="utf-8")
        except (ImportError, OSError, ValueError):  # the chart is a bonus; the reading stays
            chart = ""
    data = result.to_dict()
    return data, chart


@require_joint_work_allowed
@require_POST
def chat_import(request, pk: int):
    """Read an uploaded chat export into a private timeline; keep the result, not the chat."""
    injury = injury_for(request, pk)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, injury, CycleAccountForm(
            instance=own_record(request.user, CycleAccount, injury)), import_form=form, status=400)
    try:
        data, chart = _read_chat(form.cleaned_data["chat"])
    except ValueError as error:
        form.add_error("chat", say("journey.import_failed", reason=str(error)))
        return _page(request, injury, CycleAccountForm(
            instance=own_record(request.user, CycleAccount, injury)), import_form=form, status=400)
    data.pop("speakers", None)  # summaries quote the chat; keep the reading, not the words
    ChatTimeline.objects.create(owner=request.user, couple=request.couple, injury=injury,
                                result=json.dumps(data), chart_svg=chart)
    messages.success(request, say("journey.import_done"))
    return redirect("journey:cycle", pk=injury.pk)


@require_joint_work_allowed
@require_POST
def timeline_share(request, pk: int, timeline: int):
    """Share (or with ``undo``, withdraw) one of this partner's chat timelines."""
    injury = injury_for(request, pk)
    record = _timeline_of(request, injury, timeline, write=True)
    if request.POST.get("undo"):
        record.unshare()
        messages.success(request, say("journey.now_private"))
    else:
        record.share()
        messages.success(request, say("journey.now_shared",
                                      name=request.couple.other_partner(request.user).display_name))
    return redirect("journey:cycle", pk=injury.pk)


@require_joint_work_allowed
@require_POST
def timeline_delete(request, pk: int, timeline: int):
    """Delete one of this partner's chat timelines for good."""
    injury = injury_for(request, pk)
    _timeline_of(request, injury, timeline, write=True).delete()
    messages.success(request, say("journey.deleted"))
    return redirect("journey:cycle", pk=injury.pk)


@require_joint_work_allowed
@require_GET
def timeline_chart(request, pk: int, timeline: int):
    """Return a readable timeline's chart as an SVG image."""
    record = _timeline_of(request, injury_for(request, pk), timeline)
    response = HttpResponse(record.chart_svg, content_type="image/svg+xml")
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
