from django.apps import AppConfig


class NewsportalConfig(AppConfig):
    name = "newsportal"
    verbose_name = "newsportal"

    def ready(self):
        from .celery import ensure_broker_folders

        ensure_broker_folders()
