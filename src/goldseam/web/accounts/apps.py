"""Register the accounts app: people, sign-in, second factor, re-authentication, own data."""
from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "goldseam.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"
