"""The resend action goes through the outbox, which may hand it over twice: the second run
finds the fresh links and sends nothing."""

from django.core import mail
from django.utils import timezone

from validation.models import MemberValidation
from validation.tasks import resend_member_links


def test_resend_handed_over_twice_sends_once(in_validation):
    page, state, links = in_validation
    row = MemberValidation.objects.filter(task_state_id=state.current_task_state_id).first()
    mail.outbox.clear()
    requested_at = timezone.now().isoformat()
    first = resend_member_links.delay(row.pk, None, requested_at=requested_at).get()
    assert first >= 1 and len(mail.outbox) == first
    assert resend_member_links.delay(row.pk, None, requested_at=requested_at).get() == 0
    assert len(mail.outbox) == first
    # A later click is a new request: it resends.
    later = timezone.now().isoformat()
    assert resend_member_links.delay(row.pk, None, requested_at=later).get() == first
