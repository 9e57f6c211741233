"""A new revision saved while the validation waits: the task follows the text, restarts on
it once it has stopped changing, or stops when the text names no government member any more."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, TaskState

from core.outbox import enqueue_on_commit

from . import conf
from .history import log
from .models import (
    TASK_STATE_LOCK,
    SpokespersonValidationTaskState,
    ValidationLink,
    revision_fingerprint,
)
from .sending import send_validation_requests
from .spokespersons import concerned_members


def supersede(task_state_id, revision_id):
    """A new revision was saved while the task waits: the old links die ("superseded") and
    the task restarts on the latest revision, whose links go out once the text has stopped
    changing. A text that names no government member any more stops the validation."""
    with transaction.atomic():
        task_state = (
            SpokespersonValidationTaskState.objects.select_for_update(of=TASK_STATE_LOCK)
            .select_related("workflow_state")
            .filter(pk=task_state_id, status=TaskState.STATUS_IN_PROGRESS)
            .first()
        )
        if task_state is None:
            return False
        page = Page.objects.get(pk=task_state.workflow_state.object_id).specific
        latest = page.get_latest_revision()
        if revision_fingerprint(latest) == task_state.content_fingerprint:
            if latest.pk != task_state.revision_id:
                # Saved again without changing the text: the links follow the new revision
                # (Wagtail approves the task on the latest revision only).
                SpokespersonValidationTaskState.objects.filter(pk=task_state.pk).update(
                    revision=latest
                )
                task_state.links.pending().update(revision=latest)
            return False
        members = concerned_members(latest)
        if _still_quiet(task_state, members):
            # Changed again before its links went out: they will carry this text, later.
            _send_later(
                task_state.pk, revision=latest, content_fingerprint=revision_fingerprint(latest)
            )
            return False
        task_state.links.pending().update(status=ValidationLink.Status.SUPERSEDED)
        log(
            page,
            "validation.superseded",
            revision=latest,
            data={"previous_revision_id": task_state.revision_id, "revision_id": latest.pk},
        )
        workflow_state = task_state.workflow_state
        if not members:
            # Restarting would skip the task and let the workflow publish a text that may
            # still be half-edited (an autosave): the validation stops instead, and the
            # communicator submits or publishes the text when it is ready.
            log(page, "validation.stopped", revision=latest)
            workflow_state.cancel(user=None)
            return True
        # resume=True starts the same task again, on the latest revision; its links go out
        # when the text has stopped changing (the task queued by `start` then sends nothing).
        task_state.cancel(user=None, resume=True)
        _send_later(workflow_state.current_task_state_id)
        return True


def _still_quiet(task_state, members):
    """Restarted on a changed text, no link sent yet, and the same members concerned."""
    return (
        task_state.send_after is not None
        and not task_state.links.exists()
        and {member.pk for member in members}
        == set(task_state.members.values_list("member_id", flat=True))
    )


def _send_later(task_state_pk, **fields):
    """The links go out when the text has not changed for a while (the editor saves on its
    own while the communicator types); the beat job sends them if this task is lost."""
    delay = conf.resend_delay_seconds()
    SpokespersonValidationTaskState.objects.filter(pk=task_state_pk).update(
        send_after=timezone.now() + timedelta(seconds=delay), **fields
    )
    enqueue_on_commit(send_validation_requests, task_state_pk, countdown=delay)
