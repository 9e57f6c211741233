"""One retry policy for the Celery tasks that talk to the mail service: on a transient error
(anymail's API errors, which include HTTP 5xx and timeouts; SMTP errors; refused or timed-out
connections) the task is retried after TASK_RETRY_BACKOFF seconds, doubling each time up to
TASK_RETRY_BACKOFF_MAX, with jitter, at most TASK_MAX_RETRIES times; then it gives up and the
outbox records the failure for the admin (see core.outbox). A refused recipient is not
transient and is not retried. A base class rather than Celery's `autoretry_for` options, whose
figures are frozen when the module is imported: these are read from settings at each retry."""

import random
from smtplib import SMTPException

from anymail.exceptions import AnymailAPIError
from celery import Task
from celery.exceptions import Retry
from django.conf import settings

# OSError covers ConnectionError, TimeoutError (socket timeouts) and requests' errors.
TRANSIENT_MAIL_ERRORS = (AnymailAPIError, SMTPException, OSError)


def retry_countdown(retries):
    """Seconds before retry number `retries` + 1: doubling, capped, between half and all of it
    (so that tasks failing together do not all come back together)."""
    base = getattr(settings, "TASK_RETRY_BACKOFF", 60)
    ceiling = getattr(settings, "TASK_RETRY_BACKOFF_MAX", 3600)
    delay = min(ceiling, base * 2**retries)
    return random.uniform(delay / 2, delay)


class RetryingTask(Task):
    """`shared_task(base=RetryingTask)`; `retry_on` (a task option) widens what is retried."""

    retry_on = TRANSIENT_MAIL_ERRORS

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except Retry:
            raise
        except self.retry_on as error:
            raise self.retry(
                exc=error,
                countdown=retry_countdown(self.request.retries),
                max_retries=getattr(settings, "TASK_MAX_RETRIES", 6),
            ) from error
