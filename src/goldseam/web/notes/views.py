"""Pages for notes: list, write, read, edit, share, unshare, delete."""
from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goldseam.web.core.access import (
    get_record_for,
    readable_records,
    require_joint_work_allowed,
    require_partner,
    require_signed_in,
)
from goldseam.web.core.wording import say
from goldseam.web.notes.forms import NoteForm
from goldseam.web.notes.models import Note


@require_signed_in
@require_GET
def note_list(request):
    """List the notes this person may read: their own and those shared with them."""
    notes = readable_records(request.user, Note.objects.select_related("owner"))
    return render(request, "notes/list.html", {"notes": notes})


@require_partner
@require_http_methods(["GET", "POST"])
def note_new(request):
    """Write a new private note."""
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.save(commit=False)
        note.owner = request.user
        note.couple = request.couple
        note.save()
        messages.success(request, say("notes.saved"))
        return redirect("notes:detail", pk=note.pk)
    return render(request, "notes/edit.html", {"form": form})


@require_signed_in
@require_GET
def note_detail(request, pk: int):
    """Show one note to someone who may read it (404 for everyone else)."""
    note = get_record_for(request.user, Note, pk)
    return render(request, "notes/detail.html",
                  {"note": note, "mine": note.owner_id == request.user.pk})


@require_partner
@require_http_methods(["GET", "POST"])
def note_edit(request, pk: int):
    """Edit one of this partner's own notes."""
    note = get_record_for(request.user, Note, pk, write=True)
    form = NoteForm(request.POST or None, instance=note)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, say("notes.saved"))
        return redirect("notes:detail", pk=note.pk)
    return render(request, "notes/edit.html", {"form": form, "note": note})


@require_joint_work_allowed
@require_POST
def note_share(request, pk: int):
    """Share one of this partner's notes with the couple (joint work must be open)."""
    note = get_record_for(request.user, Note, pk, write=True)
    note.couple = request.couple
    note.share()
    messages.success(request, say("notes.now_shared"))
    return redirect("notes:detail", pk=note.pk)


@require_partner
@require_POST
def note_unshare(request, pk: int):
    """Make one of this partner's notes private again (always allowed)."""
    note = get_record_for(request.user, Note, pk, write=True)
    note.unshare()
    messages.success(request, say("notes.now_private"))
    return redirect("notes:detail", pk=note.pk)


@require_partner
@require_POST
def note_delete(request, pk: int):
    """Delete one of this partner's notes for good."""
    note = get_record_for(request.user, Note, pk, write=True)
    note.delete()
    messages.success(request, say("notes.deleted"))
    return redirect("notes:list")
