"""Permission rows for the api app, as the page session of each of the cast sees them.

The API answers with status codes, not redirects: someone signed out gets 401, a therapist
asking for a partner's action gets 403, and anything not readable is 404 exactly as on the
pages. Endpoints that take a JSON body get the test client's form-encoded body and answer 400
to everyone signed in (a PUT with no body: 422): body validation runs before any view; what each actor gets with a valid
body is tested with tokens in tests/web/test_api.py.
"""
from __future__ import annotations

from goldseam.web.api.models import ApiToken

from . import Row, expect
from .journey import make_injury, make_statement
from .rebuild import sophie_commitment

EVERYONE = expect(partners=200, therapists=200, outsider=200, anon=401)
BODY_FIRST = expect(partners=400, therapists=400, outsider=400, anon=401)
NO_BODY = expect(partners=422, therapists=422, outsider=422, anon=401)
PARTNERS_ONLY = expect(partners=200, therapists=403, outsider=200, anon=401)
SOPHIE_READS = expect(sophie=200, emma=404, therapists=404, outsider=404, anon=401)
COUPLE_READS = expect(partners=200, therapists=404, outsider=404, anon=401)
COUPLE_AND_THERAPIST_READ = expect(partners=200, therapist=200, stranger_therapist=404,
                                   outsider=404, anon=401)
SOPHIE_WRITES = expect(sophie=200, emma=404, therapists=403, outsider=404, anon=401)


def _pk(attr):
    return lambda c: {"pk": getattr(c, attr).pk}


def sophie_token(cast) -> ApiToken:
    """Return a token of Sophie's, made once per cast."""
    if not hasattr(cast, "_token"):
        cast._token, _ = ApiToken.issue(cast.sophie, "phone", ["read"])
    return cast._token


def story_version(cast):
    """Return version 1 of Sophie and Emma's story, shared with the story app's rows."""
    from .story import couple_story

    return couple_story(cast)[0]


def sophie_statement(cast, *, shared: bool):
    """Return Sophie's statement of a fresh injury, shared or private."""
    return make_statement(cast, make_injury(cast), shared=shared)


ROWS = [
    # Health and readiness (goldseam.web.health) answer anyone: load balancers do not sign in.
    Row("healthz", "GET", expected=expect(partners=200, therapists=200, outsider=200, anon=200)),
    Row("readyz", "GET", expected=expect(partners=200, therapists=200, outsider=200, anon=200)),
    Row("api:tokens", "GET", expected=expect(partners=200, therapists=200, outsider=200,
                                             anon=302)),
    Row("api:tokens", "POST", expected=expect(partners=200, therapists=200, outsider=200,
                                              anon=302),
        data=lambda c: {"name": "My phone", "scopes": ["read", "analyze"]}),
    Row("api:revoke", "POST", lambda c: {"pk": sophie_token(c).pk},
        expect(sophie=302, emma=404, therapists=404, outsider=404, anon=302)),
    Row("api:v1:api-root", "GET", expected=expect(partners=404, therapists=404, outsider=404,
                                                  anon=404)),
    Row("api:v1:openapi-json", "GET", expected=expect(partners=200, therapists=200,
                                                      outsider=200, anon=200)),
    Row("api:v1:openapi-view", "GET", expected=expect(partners=200, therapists=200,
                                                      outsider=200, anon=200)),
    Row("api:v1:me", "GET", expected=EVERYONE),
    Row("api:v1:export", "GET", expected=EVERYONE),
    Row("api:v1:list_notes", "GET", expected=EVERYONE),
    Row("api:v1:create_note", "POST", expected=BODY_FIRST),
    Row("api:v1:get_note", "GET", _pk("sophie_private"), SOPHIE_READS, label="private"),
    Row("api:v1:get_note", "GET", _pk("sophie_shared"), COUPLE_AND_THERAPIST_READ,
        label="shared"),
    Row("api:v1:get_note", "GET", _pk("outsider_shared"),
        expect(partners=404, therapists=404, outsider=200, anon=401), label="other-couple"),
    Row("api:v1:update_note", "PUT", _pk("sophie_private"), NO_BODY),
    Row("api:v1:share_note", "POST", _pk("sophie_private"), SOPHIE_WRITES),
    Row("api:v1:unshare_note", "POST", _pk("sophie_shared"), SOPHIE_WRITES),
    Row("api:v1:delete_note", "DELETE", _pk("sophie_shared"),
        expect(sophie=204, emma=404, therapists=403, outsider=404, anon=401)),
    Row("api:v1:list_injuries", "GET", expected=PARTNERS_ONLY),
    Row("api:v1:list_statements", "GET", expected=EVERYONE),
    Row("api:v1:get_statement", "GET", lambda c: {"pk": sophie_statement(c, shared=True).pk},
        COUPLE_READS, label="shared"),
    Row("api:v1:get_statement", "GET", lambda c: {"pk": sophie_statement(c, shared=False).pk},
        SOPHIE_READS, label="private"),
    Row("api:v1:save_statement", "PUT", lambda c: {"pk": make_injury(c).pk}, NO_BODY),
    Row("api:v1:share_statement", "POST",
        lambda c: {"pk": sophie_statement(c, shared=False).pk}, SOPHIE_WRITES),
    Row("api:v1:unshare_statement", "POST",
        lambda c: {"pk": sophie_statement(c, shared=True).pk}, SOPHIE_WRITES),
    Row("api:v1:analyze", "POST", expected=BODY_FIRST),
    Row("api:v1:reframe", "POST", expected=BODY_FIRST),
    Row("api:v1:coach", "POST", expected=BODY_FIRST),
    Row("api:v1:cycle", "POST", expected=BODY_FIRST),
    Row("api:v1:list_commitments", "GET", expected=EVERYONE),
    Row("api:v1:get_commitment", "GET", lambda c: {"pk": sophie_commitment(c).pk},
        COUPLE_READS),
    Row("api:v1:list_checkins", "GET", expected=EVERYONE),
    Row("api:v1:create_checkin", "POST", expected=BODY_FIRST),
    Row("api:v1:trends", "GET", expected=PARTNERS_ONLY),
    Row("api:v1:list_story_versions", "GET", expected=EVERYONE),
    Row("api:v1:get_story_version", "GET", lambda c: {"pk": story_version(c).pk}, COUPLE_READS),
    Row("api:v1:list_tokens", "GET", expected=EVERYONE),
    Row("api:v1:revoke_token", "DELETE", lambda c: {"pk": sophie_token(c).pk},
        expect(sophie=204, emma=404, therapists=404, outsider=404, anon=401)),
]
