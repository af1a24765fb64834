"""Hold every word the API and its token page show, in one place a clinician can review.

API error messages are read by the developers of API clients and, through their apps, by
partners: they say what happened and what to do, never whose record it was.
"""
from __future__ import annotations

from goldseam.web.core.wording import WORDS

API: dict[str, str] = {
    "title": "API tokens",
    "intro": "A token lets an app you trust read or write your Goldseam records for you, with "
             "exactly what you can do here and never more. Give each app its own token, and "
             "revoke a token as soon as you stop using the app.",
    "name": "Name",
    "name_hint": "Something to recognise it by, like \"my phone\".",
    "scopes": "What it may do",
    "scope_read": "Read what you can read here",
    "scope_write": "Write, share and unshare your own records",
    "scope_analyze": "Use the language coach",
    "scope_export": "Download everything you own",
    "create": "Create token",
    "created": "Your new token is below. Copy it now: it will not be shown again.",
    "none": "You have no tokens.",
    "hint": "Starts with",
    "created_at": "Created",
    "last_used": "Last used",
    "never": "never",
    "revoke": "Revoke",
    "revoked": "Revoked. Apps using it can no longer reach your records.",
    "too_many": "You have {limit} tokens already. Revoke one you no longer use first.",
    "no_scope": "Choose at least one thing the token may do.",
    "docs": "API reference",
    "docs_intro": "Every operation of the Goldseam API, with what it takes and answers. Send "
                  "your token as \"Authorization: Bearer <token>\"; make one on the API "
                  "tokens page. Every failure answers {\"error\": {\"code\", \"message\"}}.",
    "docs_openapi": "The OpenAPI description (JSON), for generating clients",
    "docs_parameters": "Parameters:",
    "docs_body": "Body (JSON):",
    "docs_responses": "Answers:",
    "docs_schemas": "Shapes",
    "docs_required": "required",
    # error objects: {"error": {"code": ..., "message": ...}}
    "e_unauthorized": "Sign in, or send a valid token as \"Authorization: Bearer <token>\".",
    "e_forbidden": "You cannot do this.",
    "e_scope": "This token may not do this; it needs the \"{scope}\" scope.",
    "e_not_found": "Nothing here, or nothing you can see.",
    "e_invalid": "Some of what was sent could not be read; see \"fields\".",
    "e_rate_limited": "Too many requests. Wait a minute and try again.",
    "e_paused": "Joint exercises are paused or waiting for both safety checks.",
    "e_not_in_couple": "Join a couple first.",
    "e_only_hurt": "Only the partner who was hurt writes this statement.",
    "e_share_empty": "Write both parts of the statement before sharing it.",
    "e_not_allowed": "This method is not allowed here.",
    "e_server": "Something went wrong on our side. Nothing you sent was lost if it was "
                "acknowledged; please try again.",
    "e_unavailable": "The database cannot be reached just now. Please try again in a minute.",
    "e_trust": "{message}",
    "e_too_large": "This request is too large. Send long conversations as a file import, or "
                   "in parts.",
    "e_speakers": "The cycle is read between two people; this conversation has {count} "
                  "speakers. Send only the couple's turns.",
}


def register() -> None:
    """Join the API words to the site's catalogue as ``W.api``."""
    WORDS.setdefault("api", API)
