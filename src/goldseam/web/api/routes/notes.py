"""Notes: list, read, write, share, unshare and delete, through the access helpers."""
from __future__ import annotations

from django.db import transaction
from ninja import Field, Router, Schema
from ninja.responses import Status

from goldseam.web.api.auth import need
from goldseam.web.api.errors import ApiError
from goldseam.web.api.routes.common import RecordOut, joint_gate, record_meta
from goldseam.web.core.access import couple_for, get_record_for, readable_records
from goldseam.web.notes.models import BODY_MAX, TITLE_MAX, Note

router = Router(tags=["notes"])


class NoteIn(Schema):
    title: str = Field(..., min_length=1, max_length=TITLE_MAX)
    body: str = Field("", max_length=BODY_MAX)


class NoteOut(RecordOut):
    title: str
    body: str


def _out(note: Note, user) -> dict:
    return {**record_meta(note, user), "title": note.title, "body": note.body}


def _writer(request) -> None:
    need(request, "write")
    if not request.user.is_partner:
        raise ApiError(403, "forbidden")


@router.get("/notes", response=list[NoteOut])
def list_notes(request):
    """Return the notes the person may read: their own and their partner's shared ones."""
    need(request, "read")
    return [_out(n, request.user) for n in readable_records(request.user, Note.objects.all())]


@router.post("/notes", response={201: NoteOut})
def create_note(request, payload: NoteIn):
    """Create a private note owned by the person (partners only)."""
    _writer(request)
    note = Note.objects.create(owner=request.user, couple=couple_for(request.user),
                               title=payload.title, body=payload.body)
    return Status(201, _out(note, request.user))


@router.get("/notes/{int:pk}", response=NoteOut)
def get_note(request, pk: int):
    """Return one note the person may read; 404 otherwise."""
    need(request, "read")
    return _out(get_record_for(request.user, Note, pk), request.user)


@router.put("/notes/{int:pk}", response=NoteOut)
def update_note(request, pk: int, payload: NoteIn):
    """Replace the title and body of the person's own note."""
    _writer(request)
    note = get_record_for(request.user, Note, pk, write=True)
    note.title, note.body = payload.title, payload.body
    note.save()
    return _out(note, request.user)


@router.post("/notes/{int:pk}/share", response=NoteOut)
def share_note(request, pk: int):
    """Share the person's own note with their couple (and a therapist in scope)."""
    _writer(request)
    joint_gate(request)
    note = get_record_for(request.user, Note, pk, write=True)
    try:
        note.share()
    except ValueError:
        raise ApiError(409, "not_in_couple") from None
    return _out(note, request.user)


@router.post("/notes/{int:pk}/unshare", response=NoteOut)
def unshare_note(request, pk: int):
    """Withdraw the person's own note into their private space."""
    _writer(request)
    note = get_record_for(request.user, Note, pk, write=True)
    note.unshare()
    return _out(note, request.user)


@router.delete("/notes/{int:pk}", response={204: None})
def delete_note(request, pk: int):
    """Delete the person's own note for good."""
    _writer(request)
    with transaction.atomic():
        get_record_for(request.user, Note, pk, write=True).delete()
    return Status(204, None)
