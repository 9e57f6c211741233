"""Settings of the real Celery worker in test_worker.py: the test settings, but tasks the worker
queues go through the broker to the test's queue, and emails are written as .eml files the
test reads (the worker cannot share the test's in-memory outbox)."""

import os

from newsportal.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("SUBSCRIPTIONS_TEST_QUEUE", "celery")
EMAIL_BACKEND = "newsportal.mail.EmlFileBackend"
EMAIL_FILE_PATH = os.environ.get("SUBSCRIPTIONS_TEST_MAIL_DIR", "/tmp/subscriptions-test-mail")
SUBSCRIPTIONS_BATCH_SIZE = int(os.environ.get("SUBSCRIPTIONS_BATCH_SIZE", "2"))
