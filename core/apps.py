from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "core"

    def ready(self):
        from . import (
            outbox,
            scheduled_publishing,  # noqa: F401 (registers its Celery task)
            signals,  # noqa: F401
        )

        outbox.connect_signals()
