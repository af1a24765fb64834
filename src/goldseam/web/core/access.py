"""Decide, in one place, who may read and write what.

The rules:

- A partner reads their own records, and the records the other partner of their couple shared.
- Only the owner writes a record (edit, share, unshare, delete).
- A therapist reads a couple's shared records only through an active TherapistLink (joined,
  consented by both partners, not revoked) and only of the kinds in its scope; never private
  drafts, never safety answers. Every such read is written to the couple's audit log.
- Nobody else reads anything. Whatever a person may not read answers 404, so ids of other
  couples' records reveal nothing.

Views put one of the ``require_*`` decorators at their top and fetch records only through
``readable_records`` and ``get_record_for``.
"""
from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import redirect

from goldseam.web.couples.models import AuditLog, Couple, Membership, TherapistLink


def couple_for(user) -> Couple | None:
    """Return the couple ``user`` is a partner in, or None."""
    if not getattr(user, "is_authenticated", False) or not user.is_partner:
        return None
    membership = Membership.objects.filter(user=user).select_related("couple").first()
    return membership.couple if membership else None


def active_links(therapist) -> list[TherapistLink]:
    """Return the therapist's links that are active now."""
    if not getattr(therapist, "is_authenticated", False) or not therapist.is_therapist:
        return []
    links = TherapistLink.objects.filter(therapist=therapist, revoked_at__isnull=True)
    return [link for link in links.select_related("couple") if link.is_active]


def therapist_couples(therapist) -> list[Couple]:
    """Return the couples whose active link lets ``therapist`` read something."""
    return [link.couple for link in active_links(therapist)]


def therapist_scope(therapist, couple: Couple) -> frozenset[str]:
    """Return the record kinds ``couple`` put in ``therapist``'s active link (none: empty)."""
    for link in active_links(therapist):
        if link.couple_id == couple.pk:
            return frozenset(link.scope)
    return frozenset()


def audit_read(therapist, couple: Couple, action: str, kind: str = "", record_id=None) -> None:
    """Write one therapist read into the couple's audit log."""
    AuditLog.objects.create(
        couple=couple, actor=therapist, actor_name=str(therapist), action=action,
        record_kind=kind, record_id=record_id,
    )


def readable_records(user, queryset: QuerySet, *, audit: bool = True) -> QuerySet:
    """Return the part of ``queryset`` (of a PartnerRecord model) that ``user`` may read.

    For a therapist with ``audit`` on, one "list" entry per couple goes into the audit log.
    """
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if user.is_therapist:
        rule = Q(pk__in=[])
        for link in active_links(user):
            in_scope = queryset.filter(couple=link.couple, kind__in=link.scope,
                                       shared_at__isnull=False)
            if audit and in_scope.exists():
                audit_read(user, link.couple, "list", queryset.model._meta.model_name)
            rule |= Q(couple=link.couple, kind__in=link.scope, shared_at__isnull=False)
        return queryset.filter(rule)
    rule = Q(owner=user)
    couple = couple_for(user)
    if couple is not None:
        rule |= Q(couple=couple, shared_at__isnull=False)
    return queryset.filter(rule)


def get_record_for(user, model, pk, *, write: bool = False):
    """Return record ``pk`` of ``model`` if ``user`` may read it (write: owns it); else 404.

    A therapist's successful read is written to the couple's audit log.
    """
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if write:
        if not getattr(user, "is_authenticated", False) or not user.is_partner:
            raise Http404
        record = model.objects.filter(pk=pk, owner=user).first()
    else:
        record = readable_records(user, model.objects.filter(pk=pk), audit=False).first()
    if record is None:
        raise Http404
    if user.is_therapist:
        audit_read(user, record.couple, "read", record.kind, record.pk)
    return record


def require_partner(view):
    """Let only signed-in partners through; others sign in (302) or are refused (403)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_partner:
            raise PermissionDenied
        request.couple = couple_for(request.user)
        return view(request, *args, **kwargs)

    return wrapper


def require_couple(view):
    """Let only partners who are in a couple through; others go to the couple page."""

    @require_partner
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.couple is None:
            return redirect("couples:home")
        return view(request, *args, **kwargs)

    return wrapper


def require_joint_work_allowed(view):
    """Let partners through only while joint work is open (both checked in, no concern)."""

    @require_couple
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.couple.joint_work_state() != "open":
            return redirect("couples:joint-status")
        return view(request, *args, **kwargs)

    return wrapper


def require_therapist(view):
    """Let only signed-in therapists through; others sign in (302) or are refused (403)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_therapist:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def require_signed_in(view):
    """Let any signed-in person through (partner or therapist)."""
    return login_required(view)
