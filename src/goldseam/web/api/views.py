"""The token page: a person creates, names, scopes and revokes their API tokens."""
from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from goldseam.web.accounts.reauth import reauth_required
from goldseam.web.api.forms import TokenForm
from goldseam.web.api.models import MAX_TOKENS_PER_PERSON, ApiToken
from goldseam.web.core.access import require_signed_in
from goldseam.web.core.wording import say


@require_signed_in
@reauth_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    """List the person's tokens; POST creates one and shows its secret this once.

    A token can export everything its person owns, so making one asks for the password as
    export does.
    """
    form = TokenForm(request.POST or None)
    secret = None
    status = 200
    if request.method == "POST":
        live = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True).count()
        if live >= MAX_TOKENS_PER_PERSON:
            messages.error(request, say("api.too_many", limit=MAX_TOKENS_PER_PERSON))
            status = 400
        elif form.is_valid():
            _, secret = ApiToken.issue(request.user, form.cleaned_data["name"],
                                       form.cleaned_data["scopes"])
            form = TokenForm()
        else:
            status = 400
    rows = ApiToken.objects.filter(user=request.user)
    return render(request, "api/tokens.html", {"form": form, "secret": secret, "rows": rows},
                  status=status)


@require_signed_in
@require_POST
def revoke(request, pk: int):
    """Revoke one of the person's own tokens; anyone else's answers 404."""
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.revoke()
    messages.success(request, say("api.revoked"))
    return redirect("api:tokens")
