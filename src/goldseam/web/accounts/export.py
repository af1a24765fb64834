"""Gather everything of one person's into a versioned export, as JSON data and as Markdown."""
from __future__ import annotations

import importlib
import importlib.util
import json

from django.conf import settings
from django.utils import timezone

from goldseam.web.core.models import partner_record_models
from goldseam.web.couples.models import Membership, SafetyCheck

FORMAT = "goldseam-export"
#: Version of the export layout. Readers must refuse versions they do not know.
VERSION = 1


def build_export(user) -> dict:
    """Return the person's account, couple membership, safety answers and every record they own."""
    membership = Membership.objects.filter(user=user).select_related("couple").first()
    records = []
    for model in partner_record_models():
        for record in model.objects.filter(owner=user).order_by("created_at", "pk"):
            records.append(record.export_dict())
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.username,
            "display_name": user.display_name,
            "email": user.email,
            "role": user.role,
            "date_joined": user.date_joined.isoformat(),
        },
        "couple": None if membership is None else {
            "couple_id": membership.couple_id,
            "joined_at": membership.joined_at.isoformat(),
            "is_hurt_partner": membership.is_hurt_partner,
        },
        "safety_checks": [
            {"answers": c.answer_dict(), "concern": c.concern, "answered_at": c.answered_at.isoformat()}
            for c in SafetyCheck.objects.filter(user=user)
        ],
        "records": records,
        "apps": _app_exports(user),
    }


def _app_exports(user) -> dict:
    """Return each optional app's extra data for ``user`` (``<app>.export.export_for(user)``).

    PartnerRecords are exported above; this hook is for an app's other personal data.
    """
    extra = {}
    for app in settings.OPTIONAL_APPS:
        module = f"goldseam.web.{app}.export"
        if f"goldseam.web.{app}" in settings.INSTALLED_APPS and importlib.util.find_spec(module):
            extra[app] = importlib.import_module(module).export_for(user)
    return extra


def to_markdown(data: dict) -> str:
    """Return a readable Markdown copy of an export made by ``build_export``."""
    account = data["account"]
    lines = [
        f"# Goldseam export for {account['display_name'] or account['username']}",
        "",
        f"Exported {data['exported_at']} (format {data['format']} version {data['version']}).",
        "",
        "## Records",
        "",
    ]
    if not data["records"]:
        lines.append("No records.")
    for record in data["records"]:
        title = record.get("title") or record.get("kind", "record")
        lines += [f"### {title}", ""]
        status = "shared" if record.get("shared_at") else "private"
        lines += [f"*{record['model']} · {status} · written {record.get('created_at', '')}*", ""]
        for key, value in record.items():
            if key in {"model", "id", "title", "kind", "shared_at", "created_at", "updated_at"}:
                continue
            if isinstance(value, str) and value:
                lines += [f"**{key}**", "", value, ""]
    lines += ["## Safety check answers", ""]
    if not data["safety_checks"]:
        lines.append("None.")
    for check in data["safety_checks"]:
        lines.append(f"- answered {check['answered_at']}: "
                     + ", ".join(f"{k}: {v}" for k, v in check["answers"].items()))
    for app, extra in data.get("apps", {}).items():
        lines += ["", f"## {app.title()}", "", "```json",
                  json.dumps(extra, ensure_ascii=False, indent=2, default=str), "```"]
    return "\n".join(lines) + "\n"
