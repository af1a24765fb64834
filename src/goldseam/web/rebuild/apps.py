"""Register the rebuild app and its words."""
from django.apps import AppConfig


class RebuildConfig(AppConfig):
    name = "goldseam.web.rebuild"
    label = "rebuild"
    verbose_name = "Rebuild"

    def ready(self) -> None:
        # The app's words live in its own catalogue; joining them to WORDS lets templates read
        # {{ W.rebuild.key }} like every other section.
        from goldseam.web.rebuild import wording

        wording.register()
