"""Template helpers: look up wording with arguments, and render form fields accessibly."""
from __future__ import annotations

from django import template

from goldseam.web.core.wording import say

register = template.Library()


@register.simple_tag
def w(key: str, **kwargs) -> str:
    """Return catalogue text ``key`` ("section.name") with ``{placeholders}`` filled (escaped)."""
    return say(key, **kwargs)


@register.inclusion_tag("core/field.html", takes_context=True)
def field(context, bound_field):
    """Render one form field with its label, hint and errors tied to it by aria attributes."""
    return {"f": bound_field, "W": context.get("W")}
