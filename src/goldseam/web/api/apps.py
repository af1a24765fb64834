"""Register the api app and its words."""
from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "goldseam.web.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        # The app's words live in its own catalogue, joined to WORDS as W.api.
        from goldseam.web.api import wording

        wording.register()
