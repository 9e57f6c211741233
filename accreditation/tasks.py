"""Celery tasks of the app, queued through core.outbox (never lost when the broker is down) and
idempotent: each email's sent-mark is written in the transaction that sends it."""

from celery import shared_task
from django.core import signing
from django.db import transaction
from django.utils import timezone

from core.outbox import enqueue_on_commit
from core.task_retry import RetryingTask

from . import conf, emails, embargo
from .models import Accreditation

RENEW_SALT = "accreditation.renew"


def renew_url(accreditation):
    """The application form, prefilled from this accreditation (a signed id: it only fills in
    a form the journalist still submits and confirms)."""
    value = signing.dumps(accreditation.pk, salt=RENEW_SALT)
    return emails.url_in(accreditation.language, "apply") + f"?renew={value}"


def renewed_from(value):
    """The accreditation a renewal link names, or None when the link is forged or too old."""
    try:
        pk = signing.loads(value or "", salt=RENEW_SALT, max_age=conf.validity())
    except signing.BadSignature:
        return None
    return Accreditation.objects.filter(pk=pk).first() if isinstance(pk, int) else None


@shared_task(name="accreditation.tasks.send_confirmation", acks_late=True, base=RetryingTask)
def send_confirmation(accreditation_id):
    """The confirmation email: its token is made, and the application marked sent, in the
    transaction that sends it (only the hash is stored, so no token waits in the broker)."""
    with transaction.atomic():
        accreditation = (
            Accreditation.objects.select_for_update()
            .filter(
                pk=accreditation_id,
                status=Accreditation.Status.UNCONFIRMED,
                confirmation_sent_at=None,
            )
            .first()
        )
        if accreditation is None:
            return False
        token = accreditation.new_confirmation_token(conf.confirmation_lifetime())
        accreditation.confirmation_sent_at = timezone.now()
        accreditation.save(
            update_fields=["confirmation_hash", "confirmation_expires_at", "confirmation_sent_at"]
        )
        emails.confirmation_email(accreditation, token).send()
    return True


@shared_task(name="accreditation.tasks.send_decision", acks_late=True, base=RetryingTask)
def send_decision(accreditation_id):
    """The administrator's decision (approved, refused or withdrawn, with the reason), once."""
    with transaction.atomic():
        accreditation = (
            Accreditation.objects.select_for_update()
            .filter(pk=accreditation_id, decision_sent_at=None)
            .exclude(status__in=[Accreditation.Status.UNCONFIRMED, Accreditation.Status.PENDING])
            .first()
        )
        if accreditation is None:
            return False
        accreditation.decision_sent_at = timezone.now()
        accreditation.save(update_fields=["decision_sent_at"])
        emails.decision_email(accreditation).send()
    return True


@shared_task(name="accreditation.tasks.send_reminder", acks_late=True, base=RetryingTask)
def send_reminder(accreditation_id):
    with transaction.atomic():
        accreditation = (
            Accreditation.objects.select_for_update()
            .filter(pk=accreditation_id, reminder_sent_at=None)
            .first()
        )
        if accreditation is None or not accreditation.is_valid():
            return False
        accreditation.reminder_sent_at = timezone.now()
        accreditation.save(update_fields=["reminder_sent_at"])
        emails.reminder_email(accreditation, renew_url(accreditation)).send()
    return True


@shared_task(name="accreditation.tasks.remind_expiring")
def remind_expiring():
    """Beat, daily: queue a reminder for each accreditation that ends within the reminder
    period and has not been reminded."""
    now = timezone.now()
    due = Accreditation.objects.valid(now).filter(
        expires_at__lte=now + conf.reminder_before(), reminder_sent_at=None
    )
    ids = list(due.values_list("pk", flat=True))
    with transaction.atomic():
        for pk in ids:
            enqueue_on_commit(send_reminder, pk)
    return len(ids)


@shared_task(name="accreditation.tasks.send_embargo_share", acks_late=True, base=RetryingTask)
def send_embargo_share(share_id):
    return embargo.send_share(share_id)
