"""Register the notes app: a partner's private notes, shareable with the couple."""
from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "goldseam.web.notes"
    label = "notes"
    verbose_name = "Notes"
