"""The validation's Celery tasks. The beat job is here; the others live with what they do and
are imported here so that the worker's autodiscovery (which imports `<app>.tasks`) registers
them under their names, "validation.tasks.<function>"."""

import logging
from collections import defaultdict

from celery import shared_task
from django.utils import timezone

from . import deadlines
from .notices import notify_changes_requested, notify_deadline_escalation
from .sending import resend_member_links, send_reminders, send_validation_requests

__all__ = [
    "notify_changes_requested",
    "notify_deadline_escalation",
    "process_due_validations",
    "resend_member_links",
    "send_validation_requests",
]

logger = logging.getLogger(__name__)


@shared_task(name="validation.tasks.process_due_validations", expires=290)
def process_due_validations():
    """Beat, every five minutes: reminders to those who have not answered, then deadlines."""
    now = timezone.now()
    by_task_state = defaultdict(list)
    for link in deadlines.due_reminders(now):
        by_task_state[link.task_state_id].append(link.pk)
    reminded = 0
    outcomes = defaultdict(int)
    # Each validation on its own: one that fails (the mail relay, a broken row) is logged
    # and tried again at the next run, and does not hold up the others.
    for task_state_pk, link_pks in by_task_state.items():
        try:
            reminded += send_reminders(task_state_pk, link_pks)
        except Exception:
            # These links are still not reminded: the next run tries again.
            logger.exception("validation reminders failed for task state %s", task_state_pk)
            outcomes["failed"] += 1
    for task_state_pk in deadlines.due_sends(now):
        try:
            outcomes["sent"] += send_validation_requests(task_state_pk)
        except Exception:
            logger.exception("validation links failed for task state %s", task_state_pk)
            outcomes["failed"] += 1
    for task_state_pk in deadlines.due_deadlines(now):
        try:
            outcome = deadlines.handle_deadline(task_state_pk, now)
        except Exception:
            # Rolled back, deadline not marked as handled: the next run tries again.
            logger.exception("validation deadline failed for task state %s", task_state_pk)
            outcomes["failed"] += 1
            continue
        if outcome:
            outcomes[outcome] += 1
    return {"reminded": reminded, **outcomes}
