"""Stage 3, hear and acknowledge: answer rounds by the repairing partner, "heard?" by the hurt one."""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from goldseam.web.core.access import readable_records, require_joint_work_allowed
from goldseam.web.core.wording import say
from goldseam.web.journey import coaching
from goldseam.web.journey.forms import HeardForm, ResponseForm
from goldseam.web.journey.models import HeardAnswer, JourneyEvent, Response, Statement
from goldseam.web.journey.progress import (
    felt_heard,
    mine_or_shared,
    readable,
    statement_shared,
)
from goldseam.web.journey.views.common import injury_for, note_hurt_words


def _rounds(user, injury) -> list[dict]:
    sent = readable_records(user, Response.objects.filter(injury=injury,
                                                           shared_at__isnull=False))
    rounds = []
    for response in sorted(sent, key=lambda r: r.number):
        answer = readable_records(user, HeardAnswer.objects.filter(response=response)).first()
        rounds.append({"response": response, "answer": answer})
    return rounds


def _page(request, injury, form=None, heard_form=None, feedback=None, status=200):
    other = injury.other_partner()
    rounds = _rounds(request.user, injury)
    open_round = rounds[-1] if rounds and rounds[-1]["answer"] is None else None
    return render(request, "journey/acknowledge.html", {
        "injury": injury, "form": form, "feedback": feedback, "rounds": rounds,
        "open_round": open_round, "heard_form": heard_form or HeardForm(),
        "mine": not injury.is_hurt(request.user), "heard": felt_heard(injury),
        "statement": mine_or_shared(request.user, Statement, injury, injury.hurt_partner),
        "hurt_name": injury.hurt_partner.display_name,
        "other_name": other.display_name if other else "",
    }, status=status)


def _draft(injury, user) -> Response | None:
    return readable(user, Response, injury).filter(owner=user, shared_at__isnull=True).first()


def _sent_count(user, injury) -> int:
    """Count the rounds already sent (shared), which numbers the next one."""
    return readable(user, Response, injury).filter(shared_at__isnull=False).count()


@require_joint_work_allowed
@require_http_methods(["GET", "POST"])
def acknowledge(request, pk: int):
    """Let the repairing partner draft, check and send a round; show every round to both.

    POST ``action``: "save", "check" (coach in role "repairing", no JS needed) or "send".
    """
    injury = injury_for(request, pk)
    if not statement_shared(injury):
        messages.error(request, say("journey.stage_order", reason=say(
            "journey.ack_needs_statement", name=injury.hurt_partner.display_name)))
        return redirect("journey:injury", pk=injury.pk)
    if injury.is_hurt(request.user):
        if request.method == "POST":
            other = injury.other_partner()
            messages.error(request, say("journey.only_repairing_writes", name=other.display_name))
            return _page(request, injury, status=403)
        return _page(request, injury)
    draft = _draft(injury, request.user)
    form = ResponseForm(request.POST or None, instance=draft)
    if request.method == "GET":
        return _page(request, injury, form)
    if not form.is_valid():
        return _page(request, injury, form, status=400)
    record = form.save(commit=False)
    record.owner, record.couple, record.injury = request.user, request.couple, injury
    record.number = _sent_count(request.user, injury) + 1
    record.save()
    action = request.POST.get("action", "save")
    if action == "send":
        rounds = _rounds(request.user, injury)
        if rounds and rounds[-1]["answer"] is None:
            messages.error(request, say("journey.wait_for_answer",
                                        name=injury.hurt_partner.display_name))
            return _page(request, injury, ResponseForm(instance=record), status=409)
        if not record.text.strip():
            messages.error(request, say("forms.required"))
            return _page(request, injury, ResponseForm(instance=record), status=400)
        record.share()
        JourneyEvent.mark(injury, "first_acknowledgment", request.user)
        messages.success(request, say("journey.response_sent",
                                      name=injury.hurt_partner.display_name))
        return redirect("journey:acknowledge", pk=injury.pk)
    if action == "check":
        return _page(request, injury, ResponseForm(instance=record),
                     feedback=[{"label": say("journey.response"),
                                "fb": coaching.feedback(record.text, "repairing")}])
    messages.success(request, say("journey.draft_saved"))
    return redirect("journey:acknowledge", pk=injury.pk)


@require_joint_work_allowed
@require_POST
def response_autosave(request, pk: int):
    """Save the repairing partner's draft round from the page's script; answer JSON."""
    injury = injury_for(request, pk)
    if injury.is_hurt(request.user) or not statement_shared(injury):
        return JsonResponse({"saved": False}, status=403)
    draft = _draft(injury, request.user)
    form = ResponseForm(request.POST, instance=draft)
    if not form.is_valid():
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        return JsonResponse({"saved": False, "errors": errors}, status=400)
    record = form.save(commit=False)
    record.owner, record.couple, record.injury = request.user, request.couple, injury
    record.number = _sent_count(request.user, injury) + 1
    record.save()
    time = timezone.localtime().strftime("%H:%M")
    return JsonResponse({"saved": True, "message": say("journey.autosaved", time=time)})


@require_joint_work_allowed
@require_POST
def answer_round(request, pk: int, response: int):
    """Let the hurt partner say whether a round made them feel heard (shared at once)."""
    injury = injury_for(request, pk)
    round_ = readable_records(request.user, Response.objects.filter(
        injury=injury, pk=response, shared_at__isnull=False)).first()
    if round_ is None:
        raise Http404
    if not injury.is_hurt(request.user):
        messages.error(request, say("journey.only_hurt_answers",
                                    name=injury.hurt_partner.display_name))
        return _page(request, injury, ResponseForm(instance=_draft(injury, request.user)),
                     status=403)
    form = HeardForm(request.POST)
    if HeardAnswer.objects.filter(response=round_).exists():
        messages.error(request, say("journey.round_already_answered"))
        return _page(request, injury, heard_form=form, status=409)
    if not form.is_valid():
        return _page(request, injury, heard_form=form, status=400)
    heard = form.cleaned_data["felt_heard"] == "yes"
    answer = HeardAnswer.objects.create(
        owner=request.user, couple=request.couple, injury=injury, response=round_,
        felt_heard=heard, question=form.cleaned_data["question"].strip())
    answer.share()
    note_hurt_words(injury, request.user, answer.question)
    if heard:
        JourneyEvent.mark(injury, "felt_heard", request.user)
    messages.success(request, say("journey.answer_saved", name=round_.owner.display_name))
    return redirect("journey:acknowledge", pk=injury.pk)
