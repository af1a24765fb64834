"""Pages for a couple's space: start, invite, join, leave, safety check, therapist, audit log."""
from __future__ import annotations

import json

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goldseam.web.accounts.reauth import reauth_required
from goldseam.web.core.access import (
    active_links,
    require_couple,
    require_partner,
    require_therapist,
)
from goldseam.web.core.wording import WORDS, say
from goldseam.web.couples import safety
from goldseam.web.couples.forms import CodeForm, SafetyForm, ScopeForm, StartForm
from goldseam.web.couples.models import (
    AuditLog,
    Invite,
    SafetyCheck,
    TherapistLink,
    normalise_code,
)
from goldseam.web.couples.services import (
    CoupleError,
    join_with_code,
    leave_couple,
    make_invite,
    start_couple,
)


@require_partner
@require_GET
def home(request):
    """Show the couple's space, or the forms to start one or join one."""
    couple = request.couple
    if couple is None:
        return render(request, "couples/start.html",
                      {"start_form": StartForm(), "join_form": CodeForm()})
    invite = (Invite.objects.filter(couple=couple, used_at__isnull=True,
                                    expires_at__gt=timezone.now())
              .order_by("-created_at").first())
    return render(request, "couples/home.html", {
        "couple": couple,
        "partner": couple.other_partner(request.user),
        "invite": invite if not couple.is_full else None,
        "state": couple.joint_work_state(),
        "own_check": SafetyCheck.objects.filter(couple=couple, user=request.user).first(),
    })


@require_partner
@require_POST
def start(request):
    """Create the couple's space with this partner in it."""
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            couple = start_couple(request.user, hurt=form.cleaned_data["hurt"])
            make_invite(couple, request.user)
        except CoupleError as exc:
            messages.error(request, say(f"couples.{exc.reason}"))
    return redirect("couples:home")


@require_couple
@require_POST
def invite(request):
    """Make a new invitation code for the second partner."""
    try:
        make_invite(request.couple, request.user)
    except CoupleError as exc:
        messages.error(request, say(f"couples.{exc.reason}"))
    return redirect("couples:home")


@require_partner
@require_http_methods(["GET", "POST"])
def join(request, code: str = ""):
    """Join the couple an invitation code belongs to."""
    form = CodeForm(request.POST or None, initial={"code": code})
    if request.method == "POST" and form.is_valid():
        try:
            join_with_code(request.user, form.cleaned_data["code"])
        except CoupleError as exc:
            form.add_error("code", say(f"couples.{exc.reason}"))
        else:
            messages.success(request, say("couples.joined"))
            return redirect("couples:home")
    return render(request, "couples/join.html", {"form": form})


@require_couple
@require_http_methods(["GET", "POST"])
def leave(request):
    """Leave the couple; the leaver's records go with them, private."""
    if request.method == "POST":
        leave_couple(request.user)
        messages.success(request, say("couples.left"))
        return redirect("couples:home")
    return render(request, "couples/leave.html")


@require_couple
@require_http_methods(["GET", "POST"])
def safety_check(request):
    """Ask this partner the private safety questions; save answers encrypted."""
    existing = SafetyCheck.objects.filter(couple=request.couple, user=request.user).first()
    initial = existing.answer_dict() if existing else None
    form = SafetyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        answers = {key: form.cleaned_data[key] for key in safety.QUESTION_KEYS}
        safety.validate(answers)
        SafetyCheck.objects.update_or_create(
            couple=request.couple, user=request.user,
            defaults={"answers": json.dumps(answers), "answered_at": timezone.now()},
        )
        return redirect("couples:safety-result")
    return render(request, "couples/safety.html", {"form": form, "retake": existing is not None})


@require_couple
@require_GET
def safety_result(request):
    """Show the answering partner thanks, or support resources and safe ways on."""
    check = SafetyCheck.objects.filter(couple=request.couple, user=request.user).first()
    if check is None:
        return redirect("couples:safety")
    topics = safety.concern_topics(check.answer_dict())
    return render(request, "couples/safety_result.html", {"topics": topics, "check": check})


@require_couple
@require_GET
def joint_status(request):
    """Say whether joint work is open, and why not, without revealing who raised a concern."""
    state = request.couple.joint_work_state()
    own = SafetyCheck.objects.filter(couple=request.couple, user=request.user).first()
    if state == "paused":
        key = "paused_answerer" if own and own.concern else "paused_neutral"
    elif state == "open":
        key = "open"
    elif own is None:
        key = "need_own_check"
    elif not request.couple.is_full:
        key = "waiting_partner_join"
    else:
        key = "waiting_partner_check"
    return render(request, "couples/joint_status.html",
                  {"message": say(f"joint.{key}"), "state": state, "own": own})


@require_couple
@require_GET
def therapist(request):
    """Show the couple's therapist links, consents, and the form to make a new code."""
    links = (TherapistLink.objects.filter(couple=request.couple, revoked_at__isnull=True)
             .select_related("therapist").order_by("-created_at"))
    rows = [{"link": link, "consented": link.consented_by.filter(pk=request.user.pk).exists(),
             "scope_names": [WORDS["record_kinds"].get(k, k) for k in link.scope]}
            for link in links]
    return render(request, "couples/therapist.html", {"rows": rows, "form": ScopeForm()})


@require_couple
@reauth_required
@require_POST
def therapist_invite(request):
    """Make a code a therapist can use to join, with the scope this partner chose."""
    form = ScopeForm(request.POST)
    if not form.is_valid():
        messages.error(request, say("therapist.scope_nothing"))
        return redirect("couples:therapist")
    link = TherapistLink.objects.create(couple=request.couple, created_by=request.user,
                                        scope=sorted(form.cleaned_data["scope"]))
    link.consented_by.add(request.user)  # making the code is this partner's consent
    return redirect("couples:therapist")


@require_couple
@reauth_required
@require_POST
def therapist_consent(request, pk: int):
    """Record this partner's consent to the link's current scope."""
    link = get_object_or_404(TherapistLink, pk=pk, couple=request.couple, revoked_at__isnull=True)
    link.consented_by.add(request.user)
    messages.success(request, say("therapist.consented"))
    return redirect("couples:therapist")


@require_couple
@require_POST
def therapist_revoke(request, pk: int):
    """End a therapist link; either partner may, without re-authentication, at any time."""
    link = get_object_or_404(TherapistLink, pk=pk, couple=request.couple, revoked_at__isnull=True)
    link.revoke(request.user)
    messages.success(request, say("therapist.revoked"))
    return redirect("couples:therapist")


@require_couple
@require_GET
def audit(request):
    """Show the couple every therapist read of their data."""
    entries = AuditLog.objects.filter(couple=request.couple)[:500]
    return render(request, "couples/audit.html", {"entries": entries})


@require_therapist
@require_http_methods(["GET", "POST"])
def therapist_join(request):
    """Let a therapist join a couple with the code the couple gave them."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            link = (TherapistLink.objects.select_for_update()
                    .filter(code=normalise_code(form.cleaned_data["code"]), therapist__isnull=True,
                            revoked_at__isnull=True).first())
            if link is None:
                form.add_error("code", say("couples.invite_unknown"))
            elif timezone.now() >= link.code_expires_at:
                form.add_error("code", say("couples.invite_expired"))
            else:
                link.therapist = request.user
                link.joined_at = timezone.now()
                link.save(update_fields=["therapist", "joined_at"])
                messages.success(request, say("therapist.joined"))
                return redirect("couples:therapist-clients")
    return render(request, "couples/therapist_join.html", {"form": form})


@require_therapist
@require_GET
def therapist_clients(request):
    """List the couples whose active link lets this therapist read something."""
    links = (TherapistLink.objects.filter(therapist=request.user, revoked_at__isnull=True)
             .select_related("couple"))
    active = {link.pk for link in active_links(request.user)}
    rows = [{"link": link, "active": link.pk in active,
             "names": " & ".join(str(p) for p in link.couple.partners()),
             "scope_names": [WORDS["record_kinds"].get(k, k) for k in link.scope]}
            for link in links]
    return render(request, "couples/therapist_clients.html", {"rows": rows})
