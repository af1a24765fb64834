"""Register the core app: encrypted fields, the partner-record base, access rules, wording."""
from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "goldseam.web.core"
    label = "core"
    verbose_name = "Goldseam core"

    def ready(self) -> None:
        from goldseam.web.core import crypto

        crypto.connect_signals()
