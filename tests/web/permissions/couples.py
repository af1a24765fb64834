"""Permission rows for the couples app."""
from . import Row, expect

PARTNER_PAGE = {"partners": 200, "outsider": 200, "therapists": 403, "anon": 302}
PARTNER_ACTION = {"partners": 302, "outsider": 302, "therapists": 403, "anon": 302}
# Acting on the couple's own therapist link: another couple's partner gets 404.
OWN_LINK = {"partners": 302, "outsider": 404, "therapists": 403, "anon": 302}
THERAPIST_PAGE = {"partners": 403, "outsider": 403, "therapists": 200, "anon": 302}


def _row(name, method, outcome, kwargs=None, data=None, label=""):
    return Row(name, method, kwargs or (lambda c: {}), expect(**outcome),
               data=data or (lambda c: {}), label=label)


ROWS = [
    _row("couples:home", "GET", PARTNER_PAGE),
    _row("couples:start", "POST", PARTNER_ACTION),
    _row("couples:invite", "POST", PARTNER_ACTION),
    _row("couples:join", "GET", PARTNER_PAGE),
    _row("couples:join", "POST", PARTNER_PAGE, data=lambda c: {"code": "NOSUCHCODE"},
         label="unknown-code"),
    _row("couples:join-code", "GET", PARTNER_PAGE, kwargs=lambda c: {"code": "ABCDEFGHJK"}),
    _row("couples:join-code", "POST", PARTNER_PAGE, kwargs=lambda c: {"code": "ABCDEFGHJK"},
         data=lambda c: {"code": "ABCDEFGHJK"}, label="unknown-code"),
    _row("couples:leave", "GET", PARTNER_PAGE),
    _row("couples:leave", "POST", PARTNER_ACTION),
    _row("couples:safety", "GET", PARTNER_PAGE),
    _row("couples:safety", "POST", PARTNER_PAGE, label="unanswered"),
    _row("couples:safety-result", "GET", PARTNER_PAGE),
    _row("couples:joint-status", "GET", PARTNER_PAGE),
    _row("couples:therapist", "GET", PARTNER_PAGE),
    _row("couples:therapist-invite", "POST", PARTNER_ACTION, data=lambda c: {"scope": ["note"]}),
    _row("couples:therapist-consent", "POST", OWN_LINK, kwargs=lambda c: {"pk": c.link.pk}),
    _row("couples:therapist-revoke", "POST", OWN_LINK, kwargs=lambda c: {"pk": c.link.pk}),
    _row("couples:audit", "GET", PARTNER_PAGE),
    _row("couples:therapist-clients", "GET", THERAPIST_PAGE),
    _row("couples:therapist-join", "GET", THERAPIST_PAGE),
    _row("couples:therapist-join", "POST",
         {"partners": 403, "outsider": 403, "therapists": 302, "anon": 302},
         data=lambda c: {"code": c.other_link.code}, label="valid-code"),
]
