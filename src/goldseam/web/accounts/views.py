"""Pages for signing up, in and out, the second factor, re-authentication and own data."""
from __future__ import annotations

import base64
import json

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import signals as auth_signals
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from goldseam.web.accounts import recovery
from goldseam.web.accounts.deletion import delete_account
from goldseam.web.accounts.export import build_export, to_markdown
from goldseam.web.accounts.forms import (
    DeleteAccountForm,
    PasswordForm,
    SignInForm,
    SignUpForm,
    TotpConfirmForm,
)
from goldseam.web.accounts.qr import qr_svg
from goldseam.web.accounts.reauth import mark_reauthenticated, reauth_required
from goldseam.web.core.wording import say


def anonymous_only(view):
    """Send people who are already signed in to their start page."""

    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("home")
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _safe_next(request, fallback: str = "home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    from django.urls import reverse

    return reverse(fallback)


def _totp_device(user, confirmed: bool = True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()


@anonymous_only
@require_http_methods(["GET", "POST"])
def sign_up(request):
    """Create an account and sign the new person in."""
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("home")
    return render(request, "accounts/sign_up.html", {"form": form})


@anonymous_only
@require_http_methods(["GET", "POST"])
def sign_in(request):
    """Sign in with name and password, plus a TOTP code for those who turned it on."""
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = authenticate(request, username=data["username"], password=data["password"])
        if getattr(request, "axes_locked_out", False):
            return render(request, "accounts/locked_out.html", status=429)
        if user is None:
            form.add_error(None, say("accounts.bad_sign_in"))
        else:
            device = _totp_device(user)
            code = data.get("code", "").strip()
            # A recovery code stands in for the app's code, once (the phone was lost). It is
            # not first tried as an app code: that would count a failure against the device
            # and slow the next genuine code.
            spare = device is not None and recovery.looks_like_one(code)
            passed = device is None or (not spare and device.verify_token(code))
            rescued = spare and recovery.use(user, code)
            if rescued:
                messages.warning(request, say("accounts.recovery_used", left=recovery.left(user)))
            if not (passed or rescued):
                # Counted as a failed sign-in so guessing codes is throttled like passwords.
                auth_signals.user_login_failed.send(
                    sender=__name__, credentials={"username": data["username"]}, request=request
                )
                form.add_error("code", say("accounts.otp_wrong"))
            else:
                login(request, user)
                if device is not None:
                    otp_login(request, device)
                mark_reauthenticated(request)
                return redirect(_safe_next(request))
    return render(request, "accounts/sign_in.html", {"form": form,
                                                     "next": request.GET.get("next", "")})


@require_POST
def sign_out(request):
    """Sign out and say so."""
    logout(request)
    messages.info(request, say("accounts.signed_out"))
    return redirect("accounts:sign-in")


@require_POST
def quick_exit(request):
    """End the session in the background when Quick exit is pressed (answers 204)."""
    logout(request)
    return HttpResponse(status=204)


@login_required
@require_GET
def account(request):
    """Show the account page: password, second step, export, deletion."""
    totp_on = _totp_device(request.user) is not None
    return render(request, "accounts/account.html", {
        "totp_on": totp_on,
        "codes_left": say("accounts.recovery_left", left=recovery.left(request.user)) if totp_on
        else ""})


@login_required
@require_http_methods(["GET", "POST"])
def reauth(request):
    """Ask for the password again, then go on to where the person was going."""
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.user.check_password(form.cleaned_data["password"]):
            mark_reauthenticated(request)
            return redirect(_safe_next(request, "accounts:account"))
        form.add_error("password", say("accounts.reauth_wrong"))
    return render(request, "accounts/reauth.html", {"form": form,
                                                    "next": request.GET.get("next", "")})


@login_required
@require_http_methods(["GET", "POST"])
def totp_setup(request):
    """Add an authenticator (TOTP) and confirm it with its first code."""
    if _totp_device(request.user) is not None:
        return redirect("accounts:account")
    device = _totp_device(request.user, confirmed=False) or TOTPDevice.objects.create(
        user=request.user, name="authenticator", confirmed=False
    )
    form = TotpConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, say("accounts.totp_on"))
            return _show_recovery_codes(request, recovery.issue(request.user))
        form.add_error("code", say("accounts.otp_wrong"))
    secret = base64.b32encode(device.bin_key).decode("ascii")
    grouped = " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
    return render(request, "accounts/totp_setup.html", {
        "form": form, "secret": grouped, "otpauth": device.config_url,
        "qr": qr_svg(device.config_url, say("accounts.totp_qr"))})


def _show_recovery_codes(request, codes: list[str]):
    """Show new recovery codes, this once (the page is never cached)."""
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


@reauth_required
@require_POST
def recovery_new(request):
    """Replace the recovery codes with new ones; the old ones stop working."""
    if _totp_device(request.user) is None:
        return redirect("accounts:account")
    return _show_recovery_codes(request, recovery.issue(request.user))


@reauth_required
@require_POST
def totp_disable(request):
    """Turn off the second step."""
    TOTPDevice.objects.filter(user=request.user).delete()
    recovery.forget(request.user)
    messages.success(request, say("accounts.totp_off"))
    return redirect("accounts:account")


@reauth_required
@require_GET
def export_page(request):
    """Offer the person's data as JSON and as Markdown."""
    return render(request, "accounts/export.html")


@reauth_required
@require_GET
def export_json(request):
    """Download everything of the person's as versioned JSON."""
    body = json.dumps(build_export(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="goldseam-export.json"'
    return response


@reauth_required
@require_GET
def export_markdown(request):
    """Download a readable Markdown copy of everything of the person's."""
    response = HttpResponse(to_markdown(build_export(request.user)),
                            content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="goldseam-export.md"'
    return response


@reauth_required
@require_http_methods(["GET", "POST"])
def delete(request):
    """Delete the account and everything the person wrote, after they type DELETE."""
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_account(user)
        messages.info(request, say("accounts.deleted"))
        return redirect("accounts:sign-in")
    return render(request, "accounts/delete.html", {"form": form})


