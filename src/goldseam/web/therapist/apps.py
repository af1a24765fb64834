"""Register the therapist app and its words."""
from django.apps import AppConfig


class TherapistConfig(AppConfig):
    name = "goldseam.web.therapist"
    label = "therapist"
    verbose_name = "Therapist"

    def ready(self) -> None:
        from goldseam.web.therapist import wording

        wording.register()
