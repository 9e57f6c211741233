"""Scheduled publishing, for every page type: Celery beat runs `publish_scheduled_pages` every
minute (CELERY_BEAT_SCHEDULE in settings; django_celery_beat's DatabaseScheduler copies it into the
database when beat starts)."""

import io
import logging

from celery import shared_task
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Revision

from .locks import exclusive_run

logger = logging.getLogger(__name__)

# In the database, not the cache: with Redis down a cache lock would either never be taken
# (scheduled pages stuck) or always be (runs overlapping). See core.locks.
LOCK_NAME = "releases-publish-scheduled"
# The names keep their old "releases." prefix: beat's schedule in the database names the task.


def due_counts(now=None):
    """(revisions due to go live, live pages past their expiry) at `now`."""
    now = now or timezone.now()
    due = Revision.objects.filter(approved_go_live_at__lt=now).count()
    expired = Page.objects.filter(live=True, expire_at__lt=now).count()
    return due, expired


def _publish_due():
    """Wagtail's `publish_scheduled`, run again after a publication that was refused (a rule
    such as spokesperson validation, raising PermissionDenied): the command stops at the
    first refusal, and the refused revision is no longer due, so the others go out now."""
    for _attempt in range(100):
        try:
            call_command("publish_scheduled", stdout=io.StringIO())
            return
        except PermissionDenied as refused:
            logger.warning(
                "publish_scheduled_pages: a scheduled publication was refused: %s", refused
            )


@shared_task(name="releases.tasks.publish_scheduled_pages", expires=55)
def publish_scheduled_pages():
    """Make due pages live and take expired ones down, with Wagtail's `publish_scheduled`.

    Idempotent: a page already published or unpublished is left alone. A second run while
    one is in progress (a slow run overlapping the next tick) does nothing. A message older
    than a minute expires: the next tick covers it."""
    with exclusive_run(LOCK_NAME) as held:
        if not held:
            logger.info("publish_scheduled_pages: a run is already in progress, skipping")
            return {"skipped": True, "published": 0, "expired": 0}
        due, expired = due_counts()
        if due or expired:
            _publish_due()
            logger.info("publish_scheduled_pages: %s published, %s expired", due, expired)
        return {"skipped": False, "published": due, "expired": expired}
