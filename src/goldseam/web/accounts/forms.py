"""Forms for signing up, signing in with an optional code, re-authenticating and deleting."""
from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator

from goldseam.web.accounts.models import User
from goldseam.web.core.forms import GoldseamForm
from goldseam.web.core.wording import say

USERNAME_MAX = 150
DISPLAY_NAME_MAX = 60
PASSWORD_MAX = 200  # Argon2 copes with more; a cap keeps hashing time bounded


class SignUpForm(GoldseamForm):
    """Create a partner or therapist account."""

    display_name = forms.CharField(label=say("accounts.display_name"), max_length=DISPLAY_NAME_MAX)
    username = forms.CharField(
        label=say("accounts.username"), help_text=say("accounts.username_hint"),
        max_length=USERNAME_MAX, validators=[UnicodeUsernameValidator()],
    )
    email = forms.EmailField(label=say("accounts.email"), required=False, max_length=254)
    role = forms.ChoiceField(
        label=say("accounts.role"), widget=forms.RadioSelect, initial=User.Role.PARTNER,
        choices=[(User.Role.PARTNER, say("accounts.role_partner")),
                 (User.Role.THERAPIST, say("accounts.role_therapist"))],
    )
    password1 = forms.CharField(label=say("accounts.password"), max_length=PASSWORD_MAX,
                                strip=False, widget=forms.PasswordInput(render_value=False),
                                help_text=say("accounts.password_hint"))
    password2 = forms.CharField(label=say("accounts.password_again"), max_length=PASSWORD_MAX,
                                strip=False, widget=forms.PasswordInput)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(say("accounts.username_taken"))
        return username

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", say("accounts.passwords_differ"))
        elif p1:
            candidate = User(username=data.get("username", ""), email=data.get("email", ""),
                             display_name=data.get("display_name", ""))
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data

    def save(self) -> User:
        """Create and return the user."""
        data = self.cleaned_data
        return User.objects.create_user(
            username=data["username"], email=data.get("email", ""), password=data["password1"],
            display_name=data["display_name"], role=data["role"],
        )


class SignInForm(GoldseamForm):
    """Collect a sign-in name, password and, for people who turned it on, a TOTP code."""

    username = forms.CharField(label=say("accounts.username"), max_length=USERNAME_MAX)
    password = forms.CharField(label=say("accounts.password"), max_length=PASSWORD_MAX,
                               strip=False, widget=forms.PasswordInput)
    code = forms.CharField(label=say("accounts.otp_code"), help_text=say("accounts.otp_code_hint"),
                           max_length=20, required=False,
                           # No numeric keypad: a recovery code has letters too.
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No autofocus: the first Tab must reach the skip link and Quick exit.
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class PasswordForm(GoldseamForm):
    """Ask for the current password again."""

    password = forms.CharField(label=say("accounts.password"), max_length=PASSWORD_MAX,
                               strip=False, widget=forms.PasswordInput(
                                   attrs={"autocomplete": "current-password"}))


class TotpConfirmForm(GoldseamForm):
    """Collect the first code from a newly added authenticator."""

    code = forms.CharField(label=say("accounts.otp_code"), max_length=12,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code",
                                                         "inputmode": "numeric"}))


class DeleteAccountForm(GoldseamForm):
    """Confirm deleting the account by typing DELETE."""

    confirm = forms.CharField(label=say("accounts.delete_confirm"), max_length=20)

    def clean_confirm(self) -> str:
        if self.cleaned_data["confirm"].strip() != "DELETE":
            raise forms.ValidationError(say("accounts.delete_confirm_wrong"))
        return "DELETE"
