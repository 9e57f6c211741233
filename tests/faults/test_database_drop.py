"""The PostgreSQL connection dropped in the middle of a batch (a database restart, a failover,
a killed backend): the batch fails, its retry resumes, and every subscriber gets each release
exactly once."""

from collections import Counter

import pytest
from django.core import mail
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from subscriptions.models import Delivery, DigestRound, Dispatch
from subscriptions.tasks import run_digest_batch, start_round
from tests.subscriptions.backends import ConnectionDrop
from tests.subscriptions.conftest import fresh_catalogue, make_subscriber  # noqa: F401
from tests.subscriptions.test_rounds import titles

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dropping(settings):
    settings.EMAIL_BACKEND = "tests.subscriptions.backends.DroppingConnectionBackend"
    yield ConnectionDrop
    ConnectionDrop.disarm()


# Marks are written every 3 emails of a batch of 8. Dropped while the 5th goes out: the write
# of the 4th to 6th fails, the batch fails (after writing them on a new connection) and is
# retried. Dropped while the 7th goes out: found by the last write, done again on a new
# connection, and the batch ends well.
@pytest.mark.parametrize("after, fails", [(4, True), (6, False)])
def test_digest_batch_with_its_connection_dropped_resumes_without_loss_or_doubles(
    site_structure,
    factories,
    make_subscriber,  # noqa: F811
    dropping,
    settings,
    after,
    fails,
):
    settings.SUBSCRIPTIONS_BATCH_SIZE = 8
    settings.SUBSCRIPTIONS_MARK_EVERY = 3
    publisher = factories.publisher()
    subscribers = [make_subscriber(publishers=[publisher]) for _index in range(12)]
    releases = [factories.release(publisher=publisher) for _index in range(2)]
    digest_round = start_round(timezone.now(), queue=False)
    batch_ids = list(digest_round.batch_set.order_by("number").values_list("pk", flat=True))
    assert len(batch_ids) == 2

    dropping.arm(after=after)
    if fails:
        with pytest.raises((OperationalError, InterfaceError)):
            run_digest_batch(batch_ids[0])
    else:
        run_digest_batch(batch_ids[0])
    assert dropping.dropped == 1
    sent_before_retry = len(mail.outbox)
    assert sent_before_retry > after

    dropping.disarm()
    for batch_id in batch_ids:  # the retry (or a late redelivery) of the first, the second
        run_digest_batch(batch_id)

    received = Counter(message.to[0] for message in mail.outbox)
    assert received == {subscriber.email: 1 for subscriber in subscribers}
    for message in mail.outbox:
        assert all(release.title in titles(message) for release in releases)
    assert Delivery.objects.filter(dispatch__state="sent").count() == 12 * 2
    assert not Dispatch.objects.exclude(state="sent").exists()
    digest_round = DigestRound.objects.get()
    assert (digest_round.sent, digest_round.skipped, digest_round.failed) == (12, 0, 0)
    assert digest_round.finished_at is not None
