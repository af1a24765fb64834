"""Permission rows for the journey app, and the helpers that give the cast journey records.

Sophie is the hurt partner of the injury "The messages with Jules"; Emma broke trust. Every
journey page is for the couple's partners only: therapists get 403 (they read shared journey
records through the therapist app), Olivia (another couple) gets 404 for anything of Sophie
and Emma's, and someone signed out is sent to sign in. Within the couple, each stage lets only
its role act: the other partner gets 403 with a message, or 404 for a record that is not
theirs to write.
"""
from __future__ import annotations

from goldseam.web.journey import models as m

from . import Row, expect

SOPHIE_HAPPENED = "You told Jules about our fights for months and hid it from me."
SOPHIE_IMPACT = "I felt shut out and replaceable. I need to know I'm your person."
EMMA_ROUND = ("I can see how alone and shut out you felt. I went to Jules instead of to you, "
              "and that was wrong. I'm so sorry.")


def make_injury(cast, title: str = "The messages with Jules") -> m.Injury:
    """Return an injury of Sophie and Emma's couple in which Sophie was hurt."""
    return m.Injury.objects.create(couple=cast.couple, hurt_partner=cast.sophie,
                                   created_by=cast.sophie, title=title)


def make_statement(cast, injury, *, shared: bool) -> m.Statement:
    """Return Sophie's two-part statement for ``injury``, shared or private."""
    record = m.Statement.objects.create(owner=cast.sophie, couple=cast.couple, injury=injury,
                                        what_happened=SOPHIE_HAPPENED, impact=SOPHIE_IMPACT)
    if shared:
        record.share()
    return record


def make_account(owner, couple, injury, did, felt, feared, longed, *, shared: bool):
    """Return one partner's cycle account."""
    record = m.CycleAccount.objects.create(owner=owner, couple=couple, injury=injury, did=did,
                                           felt=felt, feared=feared, longed=longed)
    if shared:
        record.share()
    return record


def make_round(cast, injury, text: str = EMMA_ROUND, *, shared: bool = True) -> m.Response:
    """Return one of Emma's acknowledgment rounds."""
    number = m.Response.objects.filter(injury=injury, shared_at__isnull=False).count() + 1
    record = m.Response.objects.create(owner=cast.emma, couple=cast.couple, injury=injury,
                                       number=number, text=text)
    if shared:
        record.share()
    return record


def make_need(cast, injury, text: str = "I need to know I'm your person.") -> m.Need:
    """Return one shared need of Sophie's."""
    record = m.Need.objects.create(owner=cast.sophie, couple=cast.couple, injury=injury,
                                   text=text)
    record.share()
    return record


def make_need_response(cast, need, text: str) -> m.NeedResponse:
    """Return Emma's shared answer to ``need``."""
    record = m.NeedResponse.objects.create(owner=cast.emma, couple=cast.couple,
                                           injury=need.injury, need=need, text=text)
    record.share()
    return record


# --- records the rows need, made once per test and kept on the cast ---------------------

PROMISE = "From now on I'll tell you whenever she contacts me."


def injury(cast) -> m.Injury:
    if not hasattr(cast, "_injury"):
        cast._injury = make_injury(cast)
    return cast._injury


def shared_statement(cast) -> m.Statement:
    if not hasattr(cast, "_statement"):
        cast._statement = make_statement(cast, injury(cast), shared=True)
    return cast._statement


def sophie_account(cast) -> m.CycleAccount:
    if not hasattr(cast, "_account"):
        cast._account = make_account(cast.sophie, cast.couple, injury(cast), "asked again",
                                     "scared", "losing you", "closeness", shared=True)
    return cast._account


def sophie_timeline(cast) -> m.ChatTimeline:
    if not hasattr(cast, "_timeline"):
        cast._timeline = m.ChatTimeline.objects.create(
            owner=cast.sophie, couple=cast.couple, injury=injury(cast),
            result='{"pattern": "none", "turns": [], "softening_turns": []}',
            chart_svg="<svg xmlns='http://www.w3.org/2000/svg'></svg>")
    return cast._timeline


def open_round(cast) -> m.Response:
    if not hasattr(cast, "_round"):
        shared_statement(cast)
        cast._round = make_round(cast, injury(cast))
    return cast._round


def need(cast) -> m.Need:
    if not hasattr(cast, "_need"):
        shared_statement(cast)
        cast._need = make_need(cast, injury(cast))
    return cast._need


def promise_answer(cast) -> m.NeedResponse:
    if not hasattr(cast, "_answer"):
        cast._answer = make_need_response(cast, need(cast), PROMISE)
    return cast._answer


def _pk(cast) -> dict:
    return {"pk": injury(cast).pk}


def _with_statement(cast) -> dict:
    shared_statement(cast)
    return _pk(cast)


def _timeline(cast) -> dict:
    return {"pk": injury(cast).pk, "timeline": sophie_timeline(cast).pk}


def _chat_upload(cast) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    chat = b"Sophie: Who were you texting? Show me.\nEmma: Whatever.\nSophie: Answer me!\n"
    return {"chat": SimpleUploadedFile("chat.txt", chat, content_type="text/plain")}


# Outcomes shared by most rows: partners get what their role allows, therapists 403,
# Olivia 404 (not her couple's injury), signed-out 302 to sign in.
def _couple(sophie: int, emma: int) -> dict:
    return expect(sophie=sophie, emma=emma, therapists=403, outsider=404, anon=302)


ROWS = [
    Row("journey:home", "GET", expected=expect(partners=200, therapists=403, outsider=200,
                                               anon=302)),
    Row("journey:injury-new", "GET", expected=expect(partners=200, therapists=403,
                                                     outsider=200, anon=302)),
    Row("journey:injury-new", "POST", data=lambda c: {"title": "", "who": "me"},
        expected=expect(partners=400, therapists=403, outsider=400, anon=302), label="empty"),
    Row("journey:coach", "POST", data=lambda c: {"text": "You never listen.", "role": "hurt"},
        expected=expect(partners=200, therapists=403, outsider=200, anon=302)),
    Row("journey:injury", "GET", _pk, _couple(200, 200)),
    Row("journey:statement", "GET", _pk, _couple(200, 200)),
    Row("journey:statement", "POST", _pk, _couple(302, 403),
        data=lambda c: {"what_happened": "draft", "impact": "", "action": "save"}),
    Row("journey:statement-autosave", "POST", _pk, _couple(200, 403),
        data=lambda c: {"what_happened": "draft", "impact": ""}),
    Row("journey:statement-unshare", "POST", _with_statement, _couple(302, 404)),
    Row("journey:cycle", "GET", _pk, _couple(200, 200)),
    Row("journey:cycle", "POST", _pk, _couple(302, 302),
        data=lambda c: {"did": "went quiet", "felt": "", "feared": "", "longed": "",
                        "action": "save"}),
    Row("journey:cycle-autosave", "POST", _pk, _couple(200, 200),
        data=lambda c: {"did": "went quiet", "felt": "", "feared": "", "longed": ""}),
    Row("journey:cycle-unshare", "POST", lambda c: (sophie_account(c), _pk(c))[1],
        _couple(302, 404)),
    Row("journey:chat-import", "POST", _pk, _couple(302, 302), data=_chat_upload),
    Row("journey:timeline-share", "POST", _timeline, _couple(302, 404)),
    Row("journey:timeline-delete", "POST", _timeline, _couple(302, 404)),
    Row("journey:timeline-chart", "GET", _timeline, _couple(200, 404)),
    Row("journey:acknowledge", "GET", _with_statement, _couple(200, 200)),
    Row("journey:acknowledge", "POST", _with_statement, _couple(403, 302),
        data=lambda c: {"text": "I hear you.", "action": "save"}),
    Row("journey:response-autosave", "POST", _with_statement, _couple(403, 200),
        data=lambda c: {"text": "I hear you."}),
    Row("journey:answer-round", "POST",
        lambda c: {"pk": injury(c).pk, "response": open_round(c).pk}, _couple(302, 403),
        data=lambda c: {"felt_heard": "yes", "question": ""}),
    Row("journey:needs", "GET", _with_statement, _couple(200, 200)),
    Row("journey:needs", "POST", _with_statement, _couple(302, 403),
        data=lambda c: {"text": "I need to know I'm your person."}),
    Row("journey:need-respond", "POST", lambda c: {"pk": injury(c).pk, "need": need(c).pk},
        _couple(403, 302), data=lambda c: {f"n{need(c).pk}-text": "You are my person."}),
    Row("journey:commit", "POST",
        lambda c: {"pk": injury(c).pk, "source": promise_answer(c).pk}, _couple(404, 302),
        data=lambda c: {f"c{promise_answer(c).pk}-text": PROMISE,
                        f"c{promise_answer(c).pk}-cadence": "whenever she contacts me"}),
]
