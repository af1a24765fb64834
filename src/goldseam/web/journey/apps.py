"""Register the journey app and put its words into the shared catalogue."""
from django.apps import AppConfig


class JourneyConfig(AppConfig):
    name = "goldseam.web.journey"
    label = "journey"
    verbose_name = "Journey"

    def ready(self) -> None:
        # The journey's words live in journey/wording.py (one catalogue for the app); templates
        # and say() read them through the shared WORDS, so they are added there at start-up.
        from goldseam.web.core.wording import WORDS
        from goldseam.web.journey.wording import JOURNEY, NAV, RECORD_KINDS

        WORDS["journey"] = JOURNEY
        WORDS["nav"].update(NAV)
        WORDS["record_kinds"].update(RECORD_KINDS)
