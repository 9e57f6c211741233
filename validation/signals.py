"""A new revision saved while the task waits restarts it on the new text (after the commit,
when the page points at its latest revision): the links already sent are superseded."""

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import Revision, TaskState


def revision_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .models import SpokespersonValidationTaskState

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
    from .services import supersede

    transaction.on_commit(lambda: supersede(task_state_pk, instance.pk))


def connect():
    from . import guard

    guard.connect()
    post_save.connect(revision_saved, sender=Revision, dispatch_uid="validation.revision_saved")
