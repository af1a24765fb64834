"""Permission rows for the accounts app."""
from . import Row, expect

SIGNED_IN = {"partners": 200, "therapists": 200, "outsider": 200, "anon": 302}
ANON_ONLY = {"partners": 302, "therapists": 302, "outsider": 302, "anon": 200}
EVERYONE = {"partners": 200, "therapists": 200, "outsider": 200, "anon": 200}
REDIRECT_ALL = {"partners": 302, "therapists": 302, "outsider": 302, "anon": 302}


def _get(name, outcome, kwargs=None, label=""):
    return Row(name, "GET", kwargs or (lambda c: {}), expect(**outcome), label=label)


def _post(name, outcome, data=None, kwargs=None, label=""):
    return Row(name, "POST", kwargs or (lambda c: {}), expect(**outcome),
               data=data or (lambda c: {}), label=label)


ROWS = [
    _get("accounts:sign-up", ANON_ONLY),
    _post("accounts:sign-up", ANON_ONLY, label="empty"),
    _get("accounts:sign-in", ANON_ONLY),
    _post("accounts:sign-in", ANON_ONLY, label="empty"),
    _post("accounts:sign-out", REDIRECT_ALL),
    _post("accounts:quick-exit", {"partners": 204, "therapists": 204, "outsider": 204,
                                  "anon": 204}),
    _get("accounts:account", SIGNED_IN),
    _get("accounts:reauth", SIGNED_IN),
    _post("accounts:reauth", SIGNED_IN, label="empty"),
    _get("accounts:totp-setup", SIGNED_IN),
    _post("accounts:totp-setup", SIGNED_IN, data=lambda c: {"code": "000000"}, label="wrong-code"),
    _post("accounts:totp-disable", REDIRECT_ALL),
    _post("accounts:recovery-codes", REDIRECT_ALL),  # no second step on: back to the account
    _get("accounts:export", SIGNED_IN),
    _get("accounts:export-json", SIGNED_IN),
    _get("accounts:export-markdown", SIGNED_IN),
    _get("accounts:delete", SIGNED_IN),
    _post("accounts:delete", SIGNED_IN, label="unconfirmed"),
    _get("accounts:password-change", SIGNED_IN),
    _post("accounts:password-change", SIGNED_IN, label="empty"),
    _get("accounts:password-change-done", SIGNED_IN),
    _get("accounts:password-reset", EVERYONE),
    _post("accounts:password-reset", REDIRECT_ALL, data=lambda c: {"email": "x@example.org"}),
    _get("accounts:password-reset-sent", EVERYONE),
    _get("accounts:password-reset-confirm", EVERYONE,
         kwargs=lambda c: {"uidb64": "MQ", "token": "not-a-token"}, label="bad-token"),
    _post("accounts:password-reset-confirm", EVERYONE,
          kwargs=lambda c: {"uidb64": "MQ", "token": "not-a-token"}, label="bad-token"),
    _get("accounts:password-reset-complete", EVERYONE),
]
