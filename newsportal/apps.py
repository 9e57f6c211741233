import logging

from django.apps import AppConfig
from django.conf import settings

logger = logging.getLogger("newsportal.deployment")


class NewsportalConfig(AppConfig):
    name = "newsportal"
    verbose_name = "newsportal"

    def ready(self):
        from . import checks
        from .celery import ensure_broker_folders

        ensure_broker_folders()
        if getattr(settings, "LOG_DEPLOYMENT_PROBLEMS", False):
            # Production starts (a benchmark runs it without Redis or an ESP) but never
            # silently: every deploy check that fails is logged by each web and worker process.
            for problem in checks.deployment_problems():
                logger.error("%s: %s %s", problem.id, problem.msg, problem.hint)
