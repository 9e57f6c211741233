"""Receivers of the validation: a task that starts sends its links; a new revision saved while
the task waits restarts it on the new text (after the commit, when the page points at its
latest revision), and the links already sent are superseded."""

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import Revision, TaskState
from wagtail.signals import task_submitted

from core.outbox import enqueue_on_commit

from . import guard
from .models import SpokespersonValidationTaskState
from .restarts import supersede
from .sending import send_validation_requests


def task_started(sender, instance, user=None, **kwargs):
    """Sent by `SpokespersonValidationTask.start` once the member rows exist."""
    enqueue_on_commit(send_validation_requests, instance.pk)


def revision_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    task_state_pk = (
        SpokespersonValidationTaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__base_content_type_id=instance.base_content_type_id,
            workflow_state__object_id=instance.object_id,
        )
        .values_list("pk", flat=True)
        .first()
    )
    if task_state_pk is None:
        return
    transaction.on_commit(lambda: supersede(task_state_pk, instance.pk))


def connect():
    guard.connect()
    task_submitted.connect(
        task_started,
        sender=SpokespersonValidationTaskState,
        dispatch_uid="validation.task_started",
    )
    post_save.connect(revision_saved, sender=Revision, dispatch_uid="validation.revision_saved")
