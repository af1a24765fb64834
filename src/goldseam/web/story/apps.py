"""Register the story app and put its words into the shared catalogue."""
from django.apps import AppConfig


class StoryConfig(AppConfig):
    name = "goldseam.web.story"
    label = "story"
    verbose_name = "Our story"

    def ready(self) -> None:
        # The app's words live in story/wording.py; templates and say() read them through the
        # shared WORDS, so they are added there at start-up (as the journey app does).
        from goldseam.web.core.wording import WORDS
        from goldseam.web.story.wording import NAV, RECORD_KINDS, STORY

        WORDS["story"] = STORY
        WORDS["nav"].update(NAV)
        WORDS["record_kinds"].update(RECORD_KINDS)
