"""The therapist's pages: the couples who invited them, one couple's progress, session notes.

A couple is reachable only through an active link (``couple_for_therapist``); every record read
goes through the access helpers and so into the couple's audit log.
"""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from goldseam.web.core.access import active_links, require_therapist
from goldseam.web.core.wording import say
from goldseam.web.therapist.forms import SessionNoteForm
from goldseam.web.therapist.models import SessionNote
from goldseam.web.therapist.progress import overview


def couple_for_therapist(therapist, pk):
    """Return the couple ``pk`` if ``therapist`` holds an active link to it; else 404."""
    for link in active_links(therapist):
        if str(link.couple_id) == str(pk):
            return link.couple
    raise Http404


@require_therapist
@require_GET
def home(request):
    """List the couples who invited this therapist, each with stage, trend and status."""
    now = timezone.now()
    couples = [overview(request.user, link.couple, now) for link in active_links(request.user)]
    return render(request, "therapist/home.html", {"couples": couples})


@require_therapist
@require_http_methods(["GET", "POST"])
def couple(request, pk: int):
    """Show one couple's progress and this therapist's private session notes; add a note."""
    row = couple_for_therapist(request.user, pk)
    form = SessionNoteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        SessionNote.objects.create(therapist=request.user, couple=row,
                                   text=form.cleaned_data["text"])
        messages.success(request, say("therapist_view.note_saved"))
        return redirect("therapist:couple", pk=row.pk)
    notes = SessionNote.objects.filter(therapist=request.user, couple=row)
    return render(request, "therapist/couple.html", {
        "o": overview(request.user, row, timezone.now(), detail=True), "notes": notes,
        "form": form,
    }, status=400 if form.errors else 200)
