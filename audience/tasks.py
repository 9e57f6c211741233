"""Celery beat tasks: the counts buffered in Redis into PostgreSQL, the email events into the
reach per release, and the flush records pruned."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from . import counting, email_reach
from .models import FlushRecord

# A flush key is applied or deleted within minutes; a week covers any outage of the worker.
KEEP_FLUSH_RECORDS = timedelta(days=7)


@shared_task
def flush_counts():
    moved = counting.flush()
    FlushRecord.objects.filter(flushed_at__lt=timezone.now() - KEEP_FLUSH_RECORDS).delete()
    return moved


@shared_task
def roll_up_email_events():
    return email_reach.roll_up()
