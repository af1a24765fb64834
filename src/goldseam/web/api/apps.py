"""Register the api app and its words."""
from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "goldseam.web.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        # The app's words live in its own catalogue, joined to WORDS as W.api.
        from django.conf import settings
        from django.db.models.signals import post_save

        from goldseam.web.api import wording
        from goldseam.web.api.models import revoke_on_password_change

        wording.register()
        post_save.connect(revoke_on_password_change, sender=settings.AUTH_USER_MODEL,
                          dispatch_uid="api-revoke-on-password-change")
