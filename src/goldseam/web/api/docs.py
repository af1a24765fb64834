"""Render the API reference as a plain page of the site, from the OpenAPI description.

django-ninja's Swagger page loads its script from a CDN (or, served locally, ships files that
name other origins) and has no quick exit. This page needs no script at all: it extends
base.html and lists every operation with its parameters, body and answers, read from the same
description that /api/openapi.json serves.
"""
from __future__ import annotations

from django.shortcuts import render
from ninja.openapi.docs import DocsBase

METHODS = ("get", "post", "put", "patch", "delete")


def _ref_name(schema: dict | None) -> str:
    """Return a short name for a (possibly referenced) JSON schema."""
    if not schema:
        return ""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"list of {_ref_name(schema.get('items'))}"
    return schema.get("type", "object")


def operations(spec: dict) -> list[dict]:
    """Return every operation of ``spec`` as plain rows for the template, in path order."""
    rows = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            rows.append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""), "tag": (op.get("tags") or [""])[0],
                "parameters": [{"name": p["name"], "where": p["in"],
                                "type": _ref_name(p.get("schema"))}
                               for p in op.get("parameters", [])],
                "body": _ref_name(body.get("schema")),
                "responses": [{"status": code, "type": _ref_name(
                    r.get("content", {}).get("application/json", {}).get("schema"))}
                    for code, r in op.get("responses", {}).items()],
            })
    return rows


def schemas(spec: dict) -> list[dict]:
    """Return each named schema with its fields (name, type, required)."""
    out = []
    for name, schema in sorted(spec.get("components", {}).get("schemas", {}).items()):
        required = set(schema.get("required", []))
        fields = [{"name": f, "type": _ref_name(s) if "$ref" in s or "type" in s
                   else "any", "required": f in required}
                  for f, s in schema.get("properties", {}).items()]
        out.append({"name": name, "fields": fields})
    return out


class SitePageDocs(DocsBase):
    """Show the API reference as a server-rendered page of the site."""

    def render_page(self, request, api, **kwargs):
        spec = api.get_openapi_schema(path_params=kwargs)
        return render(request, "api/docs.html", {
            "api": api, "operations": operations(spec), "schemas": schemas(spec),
            "openapi_url": self.get_openapi_url(api, kwargs)})
