"""Stage 4, needs and reassurance: the hurt partner names needs, the other answers and promises."""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from goldseam import trust
from goldseam.web.core.access import (
    get_record_for,
    readable_records,
    require_joint_work_allowed,
)
from goldseam.web.core.wording import say
from goldseam.web.journey import coaching
from goldseam.web.journey import commitments as ledger
from goldseam.web.journey.forms import CommitmentForm, NeedForm, NeedResponseForm
from goldseam.web.journey.models import Need, NeedResponse, Statement
from goldseam.web.journey.progress import mine_or_shared, statement_shared
from goldseam.web.journey.views.common import injury_for, note_hurt_words


def _offers(user, injury, commit_forms: dict | None = None) -> list[dict]:
    """Return the promises in this partner's answers that are not commitments yet."""
    taken = ledger.taken_tags(injury.pk)
    offers = []
    for response in readable_records(user, NeedResponse.objects.filter(injury=injury)):
        if response.owner_id != user.pk:
            continue
        for sentence in coaching.commitment_sentences(response.text):
            tag = ledger.source_tag(injury.pk, sentence)
            if tag not in taken:
                taken.add(tag)
                bound = (commit_forms or {}).get(response.pk)
                if bound is not None and bound.data.get(f"c{response.pk}-text") != sentence:
                    bound = None
                offers.append({"text": sentence, "source": response.pk,
                               "form": bound or CommitmentForm(initial={"text": sentence},
                                                               prefix=f"c{response.pk}")})
    return offers


def _page(request, injury, need_form=None, response_forms=None, commit_forms=None,
          status=200):
    user = request.user
    other = injury.other_partner()
    hurt_name = injury.hurt_partner.display_name
    other_name = other.display_name if other else ""
    i_am_hurt = injury.is_hurt(user)
    needs = []
    for need in readable_records(user, Need.objects.filter(injury=injury)).order_by("created_at"):
        answers = list(readable_records(user, NeedResponse.objects.filter(need=need)))
        form = None
        if not i_am_hurt and need.is_shared and not any(a.owner_id == user.pk for a in answers):
            form = (response_forms or {}).get(need.pk) or NeedResponseForm(
                prefix=f"n{need.pk}", partner_name=hurt_name)
        needs.append({"need": need, "answers": answers, "form": form})
    suggestions = []
    if i_am_hurt:
        statement = mine_or_shared(user, Statement, injury, user)
        suggestions = coaching.need_suggestions(statement.text) if statement else []
    initial = {}
    pick = request.GET.get("suggestion", "")
    if pick.isdigit() and int(pick) < len(suggestions):
        initial["text"] = suggestions[int(pick)]
    return render(request, "journey/needs.html", {
        "injury": injury, "needs": needs, "i_am_hurt": i_am_hurt,
        "need_form": need_form or NeedForm(initial=initial, partner_name=other_name),
        "suggestions": suggestions, "hurt_name": hurt_name, "other_name": other_name,
        "offers": [] if i_am_hurt else _offers(user, injury, commit_forms),
        "commitments": ledger.commitments_of(user, injury.pk),
    }, status=status)


def _check_open(request, injury):
    if statement_shared(injury):
        return None
    messages.error(request, say("journey.stage_order", reason=say(
        "journey.needs_needs_statement", name=injury.hurt_partner.display_name)))
    return redirect("journey:injury", pk=injury.pk)


@require_joint_work_allowed
@require_http_methods(["GET", "POST"])
def needs(request, pk: int):
    """Show needs and answers; let the hurt partner name a need (shared when sent)."""
    injury = injury_for(request, pk)
    closed = _check_open(request, injury)
    if closed:
        return closed
    if request.method == "GET":
        return _page(request, injury)
    other = injury.other_partner()
    form = NeedForm(request.POST, partner_name=other.display_name)
    if not injury.is_hurt(request.user):
        messages.error(request, say("journey.only_hurt_needs",
                                    name=injury.hurt_partner.display_name))
        return _page(request, injury, status=403)
    if not form.is_valid():
        return _page(request, injury, need_form=form, status=400)
    need = Need.objects.create(owner=request.user, couple=request.couple, injury=injury,
                               text=form.cleaned_data["text"])
    need.share()
    note_hurt_words(injury, request.user, need.text)
    messages.success(request, say("journey.need_sent", name=other.display_name))
    return redirect("journey:needs", pk=injury.pk)


@require_joint_work_allowed
@require_POST
def need_respond(request, pk: int, need: int):
    """Let the other partner answer one shared need (shared when sent)."""
    injury = injury_for(request, pk)
    closed = _check_open(request, injury)
    if closed:
        return closed
    record = readable_records(request.user, Need.objects.filter(
        injury=injury, pk=need, shared_at__isnull=False)).first()
    if record is None:
        raise Http404
    hurt_name = injury.hurt_partner.display_name
    form = NeedResponseForm(request.POST, prefix=f"n{record.pk}", partner_name=hurt_name)
    if injury.is_hurt(request.user):
        messages.error(request, say("journey.only_other_responds",
                                    name=injury.other_partner().display_name))
        return _page(request, injury, status=403)
    if not form.is_valid():
        return _page(request, injury, response_forms={record.pk: form}, status=400)
    answer = NeedResponse.objects.create(owner=request.user, couple=request.couple,
                                         injury=injury, need=record,
                                         text=form.cleaned_data["text"])
    answer.share()
    messages.success(request, say("journey.need_response_sent", name=hurt_name))
    return redirect("journey:needs", pk=injury.pk)


@require_joint_work_allowed
@require_POST
def commit(request, pk: int, source: int):
    """Turn one promise the engine coded ``commitment`` into a proposed commitment."""
    injury = injury_for(request, pk)
    response = get_record_for(request.user, NeedResponse, source, write=True)
    if response.injury_id != injury.pk:
        raise Http404
    form = CommitmentForm(request.POST, prefix=f"c{response.pk}")
    if not form.is_valid():
        return _page(request, injury, commit_forms={response.pk: form}, status=400)
    text = form.cleaned_data["text"].strip()
    if text not in coaching.commitment_sentences(response.text):
        messages.error(request, say("journey.not_a_commitment"))
        return _page(request, injury, status=400)
    if ledger.source_tag(injury.pk, text) in ledger.taken_tags(injury.pk):
        messages.info(request, say("journey.commitment_exists"))
        return redirect("journey:needs", pk=injury.pk)
    try:
        ledger.make_commitment(request.user, request.couple, injury.pk, text,
                               form.cleaned_data["cadence"])
    except trust.TrustError as error:
        form.add_error("cadence" if error.field == "cadence" else None, str(error))
        return _page(request, injury, commit_forms={response.pk: form}, status=400)
    messages.success(request, say("journey.commitment_added"))
    return redirect("journey:needs", pk=injury.pk)
