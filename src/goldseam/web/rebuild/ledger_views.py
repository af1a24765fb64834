"""Pages of the commitment ledger: list, make, read, mark, confirm, log, renegotiate, retire.

Reading goes through ``get_record_for`` (own commitments and the partner's, which are shared
when made); who may mark or confirm is the library's rule, so a partner who tries to mark the
other's commitment reads the library's sentence instead of a bare 404.
"""
from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from goldseam import trust
from goldseam.trust.cadence import EVENT
from goldseam.web.core.access import get_record_for, require_joint_work_allowed
from goldseam.web.core.wording import say
from goldseam.web.rebuild import bridge
from goldseam.web.rebuild import models as m
from goldseam.web.rebuild.forms import CommitmentForm, MarkForm
from goldseam.web.rebuild.state import load
from goldseam.web.rebuild.views import bound_post, person_of

#: Days back an owner may still mark: a week forgotten is remembered, a month is guessed.
MARK_WINDOW_DAYS = 7
#: Entries shown on a commitment's page, newest first.
SHOWN_ENTRIES = 30


@require_joint_work_allowed
@require_http_methods(["GET"])
def ledger(request):
    """List the couple's commitments, each with its estimate in words."""
    now = timezone.now()
    state = load(request.user, request.couple)
    board = state.dashboard(now, charts=False)
    rows = [(state.commitment_rows[v.id], v) for v in board.commitments]
    return render(request, "rebuild/ledger.html", {
        "rows": rows, "ledger": board.ledger, "me": person_of(request),
    })


@require_joint_work_allowed
@require_http_methods(["GET", "POST"])
def commitment_new(request):
    """Make a commitment to the partner; it is shared with the couple as it is made."""
    now = timezone.now()
    lib_couple = bridge.couple(request.couple)
    today = lib_couple.person(person_of(request)).local_date(now)
    form = CommitmentForm(bound_post(request), initial={"start": today})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = trust.Commitment.create("new", lib_couple, person_of(request), data["text"],
                                           data["cadence"], data["start"])
        except trust.TrustError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            row = _store_new(request, made)
            messages.success(request, say("rebuild.c_made"))
            return redirect("rebuild:commitment", pk=row.pk)
    return render(request, "rebuild/commitment_form.html", {"form": form},
                  status=400 if form.errors else 200)


@transaction.atomic
def _store_new(request, made: trust.Commitment, source: str = "") -> m.Commitment:
    row = m.Commitment.objects.create(owner=request.user, couple=request.couple, source=source,
                                      shared_at=timezone.now())
    version = made.current
    m.CommitmentVersion.objects.create(commitment=row, number=1, text=version.text,
                                       cadence=version.cadence.text, effective=version.effective)
    return row


def _detail(request, row, *, form=None, error: str = "", status: int = 200):
    """Render a commitment's page, with ``error`` (a refused action) at its top."""
    now = timezone.now()
    state = load(request.user, request.couple, notes=True, commitment_pk=row.pk)
    lib = state.commitment(row.pk)
    board = state.dashboard(now, charts=False)
    view = board.commitments[0]
    me = person_of(request)
    mine = lib.owner.id == me
    today = lib.today(now)
    open_days = []
    if mine and lib.current.cadence.kind != EVENT and lib.retired_on is None:
        first = max(lib.start, today - timedelta(days=MARK_WINDOW_DAYS))
        open_days = [o for o in lib.due(first, today) if o.owner_kept is None
                     and o.partner_kept is None and _opens(lib, o.due) <= today]
        open_days.reverse()
    return render(request, "rebuild/commitment.html", {
        "row": row, "lib": lib, "view": view, "mine": mine,
        "entries": list(reversed(lib.recorded()))[:SHOWN_ENTRIES],
        "awaiting": [] if mine else lib.awaiting_partner(),
        "open_days": open_days, "is_event": lib.current.cadence.kind == EVENT,
        "form": form or MarkForm(), "error": error,
    }, status=status)


def _opens(lib: trust.Commitment, day: date) -> date:
    # "Twice a week" falls due on Sunday but may be marked from that week's Monday.
    return day - timedelta(days=6) if lib.version_on(day).cadence.kind == "times_per_week" else day


@require_joint_work_allowed
@require_http_methods(["GET"])
def commitment(request, pk: int):
    """Show one commitment: versions, entries, disagreements, and what this person can do."""
    return _detail(request, get_record_for(request.user, m.Commitment, pk))


def _act(request, pk: int, action):
    """Run ``action(lib, form)`` on commitment ``pk`` and store its occurrence, or explain."""
    row = get_record_for(request.user, m.Commitment, pk)
    form = MarkForm(request.POST)
    if not form.is_valid():
        return _detail(request, row, form=form, status=400)
    # Notes loaded too: a new note is added to the entry without wiping the other's.
    lib = load(request.user, request.couple, notes=True, commitment_pk=row.pk).commitment(row.pk)
    try:
        occurrence, answering = action(lib, form.cleaned_data["note"])
    except trust.TrustError as error:
        return _detail(request, row, form=form, error=str(error), status=400)
    except ValueError:
        return _detail(request, row, form=form, error=say("rebuild.o_bad_input"), status=400)
    if not bridge.save_occurrence(row, occurrence, answering=answering):
        # Someone's word arrived between loading and saving: the first one stands.
        return _detail(request, row, form=form, error=say("rebuild.o_already"), status=409)
    messages.success(request, say("rebuild.o_saved"))
    return redirect("rebuild:commitment", pk=row.pk)


def _kept(request) -> bool:
    value = request.POST.get("kept")
    if value not in ("1", "0"):
        raise ValueError("kept must be 1 or 0")
    return value == "1"


@require_joint_work_allowed
@require_POST
def mark(request, pk: int):
    """Record the owner's word (kept or missed) on one due day."""

    def action(lib, note):
        # No day: the owner's own local today, as the library counts it.
        raw = request.POST.get("day", "")
        day = date.fromisoformat(raw) if raw else None
        slot = int(request.POST.get("slot") or 0)
        return lib.mark(person_of(request), _kept(request), timezone.now(), day, slot, note), False

    return _act(request, pk, action)


@require_joint_work_allowed
@require_POST
def confirm(request, pk: int):
    """Record the partner's word on one entry: agree, or say how it felt."""

    def action(lib, note):
        value = request.POST.get("kept", "agree")
        kept = None if value == "agree" else _kept(request)
        return lib.confirm_key(person_of(request), timezone.now(), request.POST.get("key", ""), kept,
                               note), True

    return _act(request, pk, action)


@require_joint_work_allowed
@require_POST
def log_moment(request, pk: int):
    """Log a moment of a "whenever ..." commitment, by either partner."""

    def action(lib, note):
        return lib.log_event(person_of(request), timezone.now(), _kept(request), note), False

    return _act(request, pk, action)


@require_joint_work_allowed
@require_http_methods(["GET", "POST"])
def renegotiate(request, pk: int):
    """Agree a new version of one's own commitment; earlier versions and entries stay."""
    row = get_record_for(request.user, m.Commitment, pk, write=True)
    lib = load(request.user, request.couple, commitment_pk=row.pk).commitment(row.pk)
    today = lib.today(timezone.now())
    form = CommitmentForm(bound_post(request), renegotiating=True, initial={
        "text": lib.current.text, "cadence": lib.current.cadence.text, "start": today,
    })
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = lib.renegotiate(data["text"], data["cadence"], data["start"], data["note"])
        except trust.TrustError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            m.CommitmentVersion.objects.create(
                commitment=row, number=version.number, text=version.text,
                cadence=version.cadence.text, effective=version.effective, note=version.note,
            )
            messages.success(request, say("rebuild.c_renegotiated"))
            return redirect("rebuild:commitment", pk=row.pk)
    return render(request, "rebuild/commitment_form.html",
                  {"form": form, "row": row, "lib": lib},
                  status=400 if form.errors else 200)


@require_joint_work_allowed
@require_POST
def retire(request, pk: int):
    """Retire one's own commitment from today; its history stays."""
    row = get_record_for(request.user, m.Commitment, pk, write=True)
    lib = load(request.user, request.couple, commitment_pk=row.pk).commitment(row.pk)
    try:
        lib.retire(lib.today(timezone.now()))
    except trust.TrustError as error:
        return _detail(request, row, error=str(error), status=400)
    row.retired_on = lib.retired_on
    row.save(update_fields=["retired_on", "updated_at"])
    messages.success(request, say("rebuild.c_retired"))
    return redirect("rebuild:commitment", pk=row.pk)
