"""Register the couples app: couples, invitations, therapist links, audit, safety checks."""
from django.apps import AppConfig


class CouplesConfig(AppConfig):
    name = "goldseam.web.couples"
    label = "couples"
    verbose_name = "Couples"
