"""Assemble the API: authentication, rate limit, error objects and every router.

Served at /api/ with its OpenAPI description at /api/openapi.json and the reference at
/api/docs (a server-rendered page of the site, see ``docs.py``: no script, nothing from
another origin, and the quick exit of every page).
"""
from __future__ import annotations

from django.conf import settings
from django.views.decorators.http import require_safe
from ninja import NinjaAPI

from goldseam.web.api import errors
from goldseam.web.api.auth import AUTH
from goldseam.web.api.docs import SitePageDocs
from goldseam.web.api.routes import account, analysis, journey, notes, rebuild, tokens
from goldseam.web.api.throttle import PersonThrottle

#: Version of the API's shapes; a breaking change gets a new version and a new prefix.
VERSION = "1"

api = NinjaAPI(
    title="Goldseam API",
    version=VERSION,
    description="The couple's journey, records, analysis and check-ins, with the same "
                "permissions as the pages. Authenticate with `Authorization: Bearer <token>`.",
    auth=AUTH,
    throttle=[PersonThrottle()],
    urls_namespace="api:v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=SitePageDocs(),
    # The description and its reference page are read, never posted to.
    docs_decorator=require_safe,
)
errors.install(api)
for module in (account, notes, journey, analysis, rebuild, tokens):
    api.add_router("/", module.router)
if "goldseam.web.story" in settings.INSTALLED_APPS:
    from goldseam.web.api.routes import story

    api.add_router("/", story.router)
