"""Stage 1, name the injury: the hurt partner drafts, checks, shares and unshares the statement."""
from __future__ import annotations

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from goldseam.web.core.access import get_record_for, require_joint_work_allowed
from goldseam.web.core.wording import say
from goldseam.web.journey import coaching, emotions
from goldseam.web.journey.forms import StatementForm
from goldseam.web.journey.models import JourneyEvent, Statement
from goldseam.web.journey.progress import mine_or_shared, own_record
from goldseam.web.journey.views.common import injury_for, note_hurt_words


def _page(request, injury, form, *, statement=None, feedback=None, status=200):
    other = injury.other_partner()
    return render(request, "journey/statement.html", {
        "injury": injury, "form": form, "statement": statement, "feedback": feedback,
        "mine": injury.is_hurt(request.user), "other_name": other.display_name if other else "",
        "hurt_name": injury.hurt_partner.display_name,
        "emotions": emotions.picker(),
    }, status=status)


@require_joint_work_allowed
@require_http_methods(["GET", "POST"])
def statement(request, pk: int):
    """Let the hurt partner write the statement; let the other read it once shared.

    POST ``action``: "save" (draft), "check" (save and show the coach's reading, no JS
    needed) or "share" (save and share with the partner).
    """
    injury = injury_for(request, pk)
    if not injury.is_hurt(request.user):
        shared = mine_or_shared(request.user, Statement, injury, injury.hurt_partner)
        if request.method == "POST":
            messages.error(request, say("journey.only_hurt_writes",
                                        name=injury.hurt_partner.display_name))
            return _page(request, injury, None, statement=shared, status=403)
        return _page(request, injury, None, statement=shared)
    own = own_record(request.user, Statement, injury)
    form = StatementForm(request.POST or None, instance=own)
    if request.method == "GET":
        return _page(request, injury, form, statement=own)
    if not form.is_valid():
        return _page(request, injury, form, statement=own, status=400)
    record = form.save(commit=False)
    record.owner, record.couple, record.injury = request.user, request.couple, injury
    record.save()
    # A no-op while the statement is private; sharing below reads the words itself.
    note_hurt_words(injury, request.user, record.text)
    action = request.POST.get("action", "save")
    if action == "share":
        if not (record.what_happened.strip() and record.impact.strip()):
            messages.error(request, say("journey.share_empty"))
            return _page(request, injury, StatementForm(instance=record), statement=record,
                         status=400)
        record.share()
        JourneyEvent.mark(injury, "statement_shared", request.user)
        messages.success(request, say("journey.now_shared",
                                      name=injury.other_partner().display_name))
        return redirect("journey:statement", pk=injury.pk)
    if action == "check":
        feedback = [{"label": say("journey.what_happened"),
                     "fb": coaching.feedback(record.what_happened, "hurt")},
                    {"label": say("journey.impact"),
                     "fb": coaching.feedback(record.impact, "hurt")}]
        return _page(request, injury, StatementForm(instance=record), statement=record,
                     feedback=feedback)
    if record.is_shared:
        messages.success(request, say("journey.saved_shared",
                                      name=injury.other_partner().display_name))
    else:
        messages.success(request, say("journey.draft_saved"))
    return redirect("journey:statement", pk=injury.pk)


@require_joint_work_allowed
@require_POST
def statement_autosave(request, pk: int):
    """Save the hurt partner's draft from the page's script; answer JSON, share nothing."""
    injury = injury_for(request, pk)
    if not injury.is_hurt(request.user):
        return JsonResponse({"saved": False, "message": say(
            "journey.only_hurt_writes", name=injury.hurt_partner.display_name)}, status=403)
    own = own_record(request.user, Statement, injury)
    form = StatementForm(request.POST, instance=own)
    if not form.is_valid():
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        return JsonResponse({"saved": False, "errors": errors}, status=400)
    record = form.save(commit=False)
    record.owner, record.couple, record.injury = request.user, request.couple, injury
    record.save()
    note_hurt_words(injury, request.user, record.text)  # counts only if already shared
    time = timezone.localtime().strftime("%H:%M")
    message = (say("journey.autosaved_shared", time=time,
                   name=injury.other_partner().display_name)
               if record.is_shared else say("journey.autosaved", time=time))
    return JsonResponse({"saved": True, "message": message})


@require_joint_work_allowed
@require_POST
def statement_unshare(request, pk: int):
    """Withdraw the shared statement into the hurt partner's private space."""
    injury = injury_for(request, pk)
    own = own_record(request.user, Statement, injury)
    record = get_record_for(request.user, Statement, own.pk if own else None, write=True)
    record.unshare()
    messages.success(request, say("journey.now_private"))
    return redirect("journey:statement", pk=injury.pk)
