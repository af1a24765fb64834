"""Pages of the rebuild stage: the dashboard, check-ins, rituals and settings.

The ledger's pages are in ``ledger_views``. Each view reads input, calls goldseam.trust through
``state`` and renders; a ``TrustError`` becomes a message next to its field, nothing saved.
"""
from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from goldseam import trust
from goldseam.trust.change import construct_label
from goldseam.trust.checkins import instrument
from goldseam.web.core.access import (
    readable_records,
    require_couple,
    require_joint_work_allowed,
)
from goldseam.web.core.wording import say
from goldseam.web.rebuild import bridge
from goldseam.web.rebuild import models as m
from goldseam.web.rebuild.forms import CheckInForm, RitualForm, SettingsForm
from goldseam.web.rebuild.state import load
from goldseam.web.rebuild.today import due_for, offer_prompt


def person_of(request) -> str:
    """Return the signed-in person's id as the trust library knows them."""
    return str(request.user.pk)


def bound_post(request):
    """Return the POST data to bind a form to, or None on GET."""
    # An empty POST is still a submission: it must be bound so it gets its messages.
    return request.POST if request.method == "POST" else None


@require_joint_work_allowed
@require_http_methods(["GET"])
def dashboard(request):
    """Show the couple's picture: due items, notices, charts, reliability and rituals."""
    now = timezone.now()
    state = load(request.user, request.couple)
    board = state.dashboard(now)
    me = state.couple.person(person_of(request))
    today = me.local_date(now)
    rituals = [
        (state.ritual_rows[r.id], r, offer_prompt(state, state.ritual_rows[r.id], today),
         today in r.done)
        for r in state.rituals
    ]
    # The overall chart first and open; the five constructs behind one disclosure, so the
    # page stays short on a phone.
    overall = mark_safe(board.charts["total"])
    charts = [(c, mark_safe(board.charts[c])) for c in instrument().constructs]
    # Both partners' trends and needs are on this page for both of them (the check-in form
    # says so); notes stay out unless shared.
    return render(request, "rebuild/dashboard.html", {
        "board": board, "due": due_for(state, me.id, now, paused=False),
        "overall_chart": overall, "trend_charts": charts,
        "strip": mark_safe(board.charts["reliability"]), "notices": group_notices(board.notices),
        "rituals": rituals, "partner": state.couple.other(me.id),
        "has_checkins": bool(state.checkins), "needs": latest_needs(request.user, state),
    })


def group_notices(notices) -> list[tuple[str, str]]:
    """Return one (sentence, "also in ...") per person and kind of change, in order.

    A good week often lifts all five constructs at once; five near-identical paragraphs bury
    the point, so the first is said in full and the rest are named after it.
    """
    groups: dict[tuple, list] = {}
    for notice in notices:
        groups.setdefault((notice.kind, notice.person_ids), []).append(notice)
    found = []
    for members in groups.values():
        first, rest = members[0], members[1:]
        also = ""
        if rest:
            labels = [construct_label(n.construct) for n in rest]
            also = say("rebuild.notice_also", areas=", ".join(labels))
        found.append((first.sentence, also))
    return found


def latest_needs(user, state) -> list[tuple[str, str, str]]:
    """Return each partner's latest (name, need, note), the note only where they shared it."""
    found: dict[str, tuple[str, str]] = {}
    rows = readable_records(user, m.CheckIn.objects.filter(couple=state.row), audit=False)
    for owner_id, need, note, shared in rows.order_by("-at").values_list(
        "owner_id", "need", "note", "note_shared"
    ).iterator():
        found.setdefault(str(owner_id), (need, note if shared else ""))
        if len(found) == 2:
            break
    return [(p.name, *found[p.id]) for p in state.couple.partners if p.id in found]


@require_couple
@require_http_methods(["GET", "POST"])
def checkin(request):
    """Take this partner's private check-in (open even while joint work is paused)."""
    if not request.couple.is_full:
        # A check-in is about the partner; until they have joined there is no one to rate.
        return redirect("couples:joint-status")
    form = CheckInForm(bound_post(request), initial={"couple": request.couple.pk})
    if request.method == "POST" and form.is_valid():
        lib_couple = bridge.couple(request.couple)
        ratings = {item.id: form.data.get(item.id) for item in instrument().items}
        try:
            if form.cleaned_data["couple"] not in ("", str(request.couple.pk)):
                # A page opened for another couple (an old tab, a crafted form): save nothing.
                raise trust.TrustError("errors.wrong_couple", field=None)
            made = trust.CheckIn.create(
                lib_couple, person_of(request), timezone.now(), ratings, form.cleaned_data["need"],
                form.cleaned_data["note"], form.cleaned_data["note_shared"],
            )
        except trust.TrustError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            row = m.CheckIn(
                owner=request.user, couple=request.couple, at=made.at, ratings=dict(made.ratings),
                instrument_version=made.instrument_version, need=made.need, note=made.note,
                note_shared=made.note_shared, shared_at=made.at,
            )
            row.save()
            messages.success(request, say("rebuild.k_saved"))
            if request.couple.joint_work_state() == "open":
                return redirect("rebuild:home")
            return redirect("rebuild:checkin")
    status = 400 if form.errors else 200
    tool = instrument()
    return render(request, "rebuild/checkin.html", {
        "form": form, "low": tool.low, "high": tool.high,
    }, status=status)


@require_joint_work_allowed
@require_http_methods(["GET", "POST"])
def rituals(request):
    """List the couple's rituals with today's prompt; choose a new one."""
    form = RitualForm(bound_post(request))
    if request.method == "POST" and form.is_valid():
        now = timezone.now()
        lib_couple = bridge.couple(request.couple)
        today = lib_couple.person(person_of(request)).local_date(now)
        try:
            made = trust.Ritual.create("new", lib_couple, form.cleaned_data["kind"], today,
                                       form.cleaned_data["cadence"] or None)
        except trust.TrustError as error:
            form.add_error("cadence" if error.field in (None, "cadence") else None, str(error))
        else:
            m.Ritual.objects.create(couple=request.couple, kind=made.kind,
                                    cadence=made.cadence.text, start=today,
                                    chosen_by=request.user)
            messages.success(request, say("rebuild.r_added", name=made.name))
            return redirect("rebuild:rituals")
    state = load(request.user, request.couple)
    today = state.couple.person(person_of(request)).local_date(timezone.now())
    rows = [
        (state.ritual_rows[r.id], r, offer_prompt(state, state.ritual_rows[r.id], today),
         today in r.done)
        for r in state.rituals
    ]
    return render(request, "rebuild/rituals.html", {"form": form, "rituals": rows},
                  status=400 if form.errors else 200)


def _ritual_for(request, pk) -> m.Ritual:
    """Return the couple's own ritual ``pk`` (rituals are shared by both), else 404."""
    return get_object_or_404(m.Ritual, pk=pk, couple=request.couple)


@require_joint_work_allowed
@require_POST
def ritual_done(request, pk: int):
    """Mark a ritual done today; a second tap (by either partner) changes nothing."""
    row = _ritual_for(request, pk)
    now = timezone.now()
    lib_couple = bridge.couple(request.couple)
    ritual = bridge.rituals(lib_couple, [row])[0]
    try:
        day = ritual.mark_done(person_of(request), now)
    except trust.TrustError as error:
        messages.error(request, str(error))
        return redirect("rebuild:rituals")
    try:
        with transaction.atomic():
            m.RitualDone.objects.create(ritual=row, day=day, by=request.user, at=now)
    except IntegrityError:
        pass  # already done today: the first tap counts, once
    messages.success(request, say("rebuild.r_done"))
    back = "rebuild:home" if request.POST.get("next") == "dashboard" else "rebuild:rituals"
    return redirect(back)


@require_joint_work_allowed
@require_POST
def ritual_stop(request, pk: int):
    """Stop a ritual; the days it was done stay in the couple's picture."""
    row = _ritual_for(request, pk)
    row.retired_on = timezone.now().date()
    row.save(update_fields=["retired_on"])
    messages.success(request, say("rebuild.r_stopped"))
    return redirect("rebuild:rituals")


@require_couple
@require_http_methods(["GET", "POST"])
def settings_view(request):
    """Set this partner's time zone and the couple's check-in rhythm."""
    current = m.ZoneChange.objects.filter(user=request.user).last()
    cadence = bridge.schedule(request.couple)[0]
    form = SettingsForm(bound_post(request), initial={
        "zone": current.zone if current else timezone.get_default_timezone_name(),
        "every": cadence.every,
    })
    if request.method == "POST" and form.is_valid():
        zone = form.cleaned_data["zone"]
        if current is None or current.zone != zone:
            m.ZoneChange.objects.create(user=request.user, zone=zone)
        m.CheckInCadence.objects.filter(couple=request.couple).update(
            every=form.cleaned_data["every"]
        )
        messages.success(request, say("rebuild.s_saved"))
        return redirect("rebuild:settings")
    return render(request, "rebuild/settings.html", {"form": form},
                  status=400 if form.errors else 200)
