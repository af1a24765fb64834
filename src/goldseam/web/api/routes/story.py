"""The couple's story (narrative): its saved versions, read through the access helpers.

Writing, merging and restoring stay on the story pages, where conflicts are shown to a
person; the API reads.
"""
from __future__ import annotations

from ninja import Router

from goldseam.web.api.auth import need
from goldseam.web.api.routes.common import RecordOut, joint_gate, record_meta
from goldseam.web.core.access import get_record_for, readable_records
from goldseam.web.story.models import StoryVersion

router = Router(tags=["story"])


class VersionOut(RecordOut):
    number: int
    note: str
    text: str


def _out(row: StoryVersion, user) -> dict:
    return {**record_meta(row, user), "number": row.number, "note": row.note, "text": row.text}


@router.get("/story/versions", response=list[VersionOut])
def list_story_versions(request):
    """Return the story versions the person may read, oldest first."""
    need(request, "read")
    joint_gate(request)
    rows = readable_records(request.user, StoryVersion.objects.all()).order_by("number")
    return [_out(r, request.user) for r in rows]


@router.get("/story/versions/{int:pk}", response=VersionOut)
def get_story_version(request, pk: int):
    """Return one story version the person may read; 404 otherwise."""
    need(request, "read")
    joint_gate(request)
    return _out(get_record_for(request.user, StoryVersion, pk), request.user)
