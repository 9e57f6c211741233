"""Digest rounds: the right releases for each subscriber, exactly once, whatever happens to the
workers; unpublished releases never, scheduled ones in the first round after they go live."""

from collections import Counter
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.scheduled_publishing import publish_scheduled_pages
from releases.models import PressReleasePage
from subscriptions.models import Delivery, DigestBatch, DigestRound, DigestSettings, Dispatch
from subscriptions.tasks import (
    purge_old_deliveries,
    run_digest_batch,
    start_due_digest_rounds,
    start_round,
)
from tests.core.test_scheduling import make_due

from .backends import Crash, WorkerDied
from .conftest import links, mails_to, parse, parts

pytestmark = pytest.mark.django_db


def titles(message):
    text, _html = parts(parse(message))
    return text


@pytest.fixture
def crashing(settings):
    settings.EMAIL_BACKEND = "tests.subscriptions.backends.CrashingBackend"
    yield Crash
    Crash.disarm()


def test_each_subscriber_gets_the_releases_of_their_choices_and_languages(
    site_structure, factories, make_subscriber, run_round
):
    finance = factories.publisher(name="FPS Finance")
    health_fps = factories.publisher(name="FPS Health")
    minister = factories.government_member(name="Jane Minister")
    climate = factories.theme(name_en="Climate", name_nl="Klimaat", name_de="Klima")

    own = factories.release(publisher=finance, title="Finance alone")
    co = factories.release(publisher=health_fps, co_publishers=[finance], title="Joint release")
    co_fr = factories.translation_of(co, "fr", title="Communiqué commun")
    themed = factories.release(publisher=minister, themes=[climate], title="Climate plan")
    themed_de = factories.translation_of(themed, "de", title="Klimaplan")
    factories.release(publisher=health_fps, title="Health only")

    follows_finance = make_subscriber(publishers=[finance], languages=["nl", "fr"])
    follows_climate_de = make_subscriber(themes=[climate], languages=["de"], email_language="de")
    everything_en = make_subscriber(everything=True, languages=["en"], email_language="en")
    follows_nothing_new = make_subscriber(publishers=[factories.publisher()])
    immediate = make_subscriber(everything=True, frequency="immediate")

    digest_round = run_round()
    # Skipped: nothing new in English, nothing by the other publisher, and the immediate
    # subscriber (their alerts are not due for a catch-up).
    assert (digest_round.sent, digest_round.skipped) == (2, 3)
    assert digest_round.finished_at and digest_round.batches_done == 1

    (finance_mail,) = mails_to(follows_finance.email)
    text, html = parts(parse(finance_mail))
    for title in ("Finance alone", "Joint release", "Communiqué commun"):
        assert title in text and title in html
    assert "Health only" not in text and "Climate plan" not in text
    # Every publisher of a release, and the language of each version, in the email's language.
    assert "FPS Health, FPS Finance – (Frans)" in text and "<Publisher" not in text
    assert "FPS Health, FPS Finance – (Frans)" in html
    # Grouped by main publisher, a heading per publisher.
    assert html.count("<h2") == 2 and "FPS Finance" in html and "FPS Health" in html
    assert 'lang="fr"' in html  # the French version is marked as French
    for page in (own, co, co_fr):
        assert f"http://testserver{page.url}" in links(text)

    (climate_mail,) = mails_to(follows_climate_de.email)
    parsed = parse(climate_mail)
    assert parsed["Subject"] == "1 neue Pressemitteilung"
    text, html = parts(parsed)
    assert "Klimaplan" in text and "Climate plan" not in text
    assert '<html lang="de"' in html
    assert f"http://testserver{themed_de.url}" in links(text)

    assert mails_to(everything_en.email) == []  # nothing exists in English
    assert mails_to(follows_nothing_new.email) == []
    assert mails_to(immediate.email) == []  # alerts, not digests

    # A second round has nothing new: no email at all.
    mail.outbox.clear()
    assert run_round(timezone.now() + timedelta(minutes=1)).sent == 0
    assert mail.outbox == []


def test_batch_killed_half_way_then_retried_loses_and_doubles_nothing(
    site_structure, factories, make_subscriber, crashing, settings
):
    settings.SUBSCRIPTIONS_BATCH_SIZE = 4
    publisher = factories.publisher()
    subscribers = [make_subscriber(publishers=[publisher]) for _index in range(10)]
    releases = [factories.release(publisher=publisher) for _index in range(3)]
    digest_round = start_round(timezone.now(), queue=False)
    batch_ids = list(digest_round.batch_set.order_by("number").values_list("pk", flat=True))
    assert len(batch_ids) == 3

    crashing.arm(after=2)  # the worker dies when sending the third email of the batch
    with pytest.raises(WorkerDied):
        run_digest_batch(batch_ids[0])
    assert len(mail.outbox) == 2
    assert Delivery.objects.filter(dispatch__state="sent").count() == 2 * 3
    assert Delivery.objects.filter(dispatch__state="pending").count() == 2 * 3  # claimed, not sent

    crashing.disarm()
    for batch_id in batch_ids:  # the broker redelivers the first batch; the others run
        run_digest_batch(batch_id)
    run_digest_batch(batch_ids[0])  # and a late duplicate delivery of it changes nothing

    received = Counter(message.to[0] for message in mail.outbox)
    assert received == {subscriber.email: 1 for subscriber in subscribers}
    for message in mail.outbox:
        text = titles(message)
        assert all(release.title in text for release in releases)
    assert Delivery.objects.filter(dispatch__state="sent").count() == 10 * 3
    assert not Delivery.objects.exclude(dispatch__state="sent").exists()
    digest_round.refresh_from_db()
    assert (digest_round.sent, digest_round.skipped, digest_round.failed) == (10, 0, 0)
    assert digest_round.finished_at is not None
    assert DigestBatch.objects.get(pk=batch_ids[0]).attempts == 3


def test_each_email_is_one_dispatch_marked_sent_with_its_deliveries(
    site_structure, factories, make_subscriber, run_round
):
    publisher = factories.publisher()
    subscribers = [make_subscriber(publishers=[publisher]) for _index in range(2)]
    releases = [factories.release(publisher=publisher) for _index in range(3)]
    digest_round = run_round()
    dispatches = list(Dispatch.objects.order_by("subscriber_id"))
    assert [d.subscriber_id for d in dispatches] == [s.pk for s in subscribers]
    for dispatch, subscriber in zip(dispatches, subscribers, strict=True):
        (message,) = mails_to(subscriber.email)
        assert (dispatch.state, dispatch.kind, dispatch.round_id) == (
            "sent",
            "digest",
            digest_round.pk,
        )
        assert dispatch.sent_at and dispatch.message_id == message.extra_headers["Message-ID"]
        assert sorted(dispatch.deliveries.values_list("page_id", flat=True)) == sorted(
            release.pk for release in releases
        )


def test_death_after_the_esp_accepted_resends_that_one_email_with_the_same_message_id(
    site_structure, factories, make_subscriber, crashing
):
    """The documented at-least-once window: accepted by the ESP, not yet marked sent."""
    publisher = factories.publisher()
    subscribers = [make_subscriber(publishers=[publisher]) for _index in range(3)]
    factories.release(publisher=publisher)
    digest_round = start_round(timezone.now(), queue=False)
    (batch_id,) = digest_round.batch_set.values_list("pk", flat=True)

    crashing.arm(after=1, accepted=True)
    with pytest.raises(WorkerDied):
        run_digest_batch(batch_id)
    crashing.disarm()
    run_digest_batch(batch_id)

    received = Counter(message.to[0] for message in mail.outbox)
    assert received == {subscribers[0].email: 1, subscribers[1].email: 2, subscribers[2].email: 1}
    first, again = mails_to(subscribers[1].email)
    assert first.extra_headers["Message-ID"] == again.extra_headers["Message-ID"]


def test_overlapping_rounds_never_double(
    site_structure, factories, make_subscriber, crashing, run_round
):
    publisher = factories.publisher()
    subscribers = [make_subscriber(publishers=[publisher]) for _index in range(4)]
    first_release = factories.release(publisher=publisher)

    slow = start_round(timezone.now() - timedelta(minutes=5), queue=False)
    (slow_batch,) = slow.batch_set.values_list("pk", flat=True)
    crashing.arm(after=1)  # the slow round claimed everything and sent one email so far
    with pytest.raises(WorkerDied):
        run_digest_batch(slow_batch)
    crashing.disarm()

    second_release = factories.release(publisher=publisher)
    overlapping = run_round()  # runs while the slow round still holds its claims
    run_digest_batch(slow_batch)  # the slow round resumes

    sent = Delivery.objects.filter(dispatch__state="sent")
    per_release = Counter(sent.values_list("page_id", flat=True))
    assert per_release == {first_release.pk: 4, second_release.pk: 4}
    for subscriber in subscribers:
        text = "".join(titles(message) for message in mails_to(subscriber.email))
        assert text.count(first_release.title) == 1
        assert text.count(second_release.title) == 1
    assert overlapping.sent == 4  # each got the second release from the overlapping round


def test_claims_of_a_batch_that_gave_up_go_out_with_the_next_round(
    site_structure, factories, make_subscriber, crashing, run_round
):
    publisher = factories.publisher()
    subscriber = make_subscriber(publishers=[publisher])
    release = factories.release(publisher=publisher)
    abandoned = start_round(timezone.now() - timedelta(hours=4), queue=False)
    crashing.arm(after=0)
    with pytest.raises(WorkerDied):
        run_digest_batch(abandoned.batch_set.get().pk)
    crashing.disarm()
    # Within the lease nobody else touches the claim.
    assert run_round(timezone.now() - timedelta(hours=3)).sent == 0
    Dispatch.objects.update(claimed_at=timezone.now() - timedelta(hours=2))
    assert run_round().sent == 1
    (message,) = mails_to(subscriber.email)
    assert release.title in titles(message)


def test_unpublished_releases_are_not_sent(site_structure, factories, make_subscriber, run_round):
    publisher = factories.publisher()
    subscriber = make_subscriber(publishers=[publisher])
    kept = factories.release(publisher=publisher, title="Still live")
    withdrawn = factories.release(publisher=publisher, title="Withdrawn")
    withdrawn.unpublish()
    factories.release(publisher=publisher, publish=False, title="Draft only")
    assert run_round().sent == 1
    (message,) = mails_to(subscriber.email)
    text = titles(message)
    assert kept.title in text and "Withdrawn" not in text and "Draft only" not in text


def test_release_unpublished_between_claim_and_retry_is_not_sent(
    site_structure, factories, make_subscriber, crashing
):
    publisher = factories.publisher()
    subscriber = make_subscriber(publishers=[publisher])
    withdrawn = factories.release(publisher=publisher, title="Withdrawn")
    kept = factories.release(publisher=publisher, title="Kept")
    digest_round = start_round(timezone.now(), queue=False)
    batch_id = digest_round.batch_set.get().pk
    crashing.arm(after=0)
    with pytest.raises(WorkerDied):
        run_digest_batch(batch_id)
    crashing.disarm()
    withdrawn.unpublish()
    run_digest_batch(batch_id)
    (message,) = mails_to(subscriber.email)
    assert kept.title in titles(message) and "Withdrawn" not in titles(message)
    # The claim is dropped: if it comes back online it goes out then.
    assert not Delivery.objects.filter(page=withdrawn).exists()


def test_scheduled_release_goes_in_the_first_round_after_it_goes_live(
    site_structure, factories, make_subscriber, run_round
):
    publisher = factories.publisher()
    subscriber = make_subscriber(publishers=[publisher])
    page = factories.release(
        publisher=publisher,
        publish=False,
        live=False,
        go_live_at=timezone.now() + timedelta(hours=1),
    )
    page.get_latest_revision().publish()  # Wagtail schedules it
    assert not page.live
    assert run_round(timezone.now() - timedelta(minutes=2)).sent == 0
    assert mail.outbox == []

    make_due(page)
    publish_scheduled_pages()
    assert run_round().sent == 1
    (message,) = mails_to(subscriber.email)
    assert page.title in titles(message)


def test_beat_starts_one_round_per_slot_from_the_admin_times(
    site_structure, factories, make_subscriber, django_capture_on_commit_callbacks
):
    settings_row = DigestSettings.load()
    assert settings_row.times == "08:00, 12:00, 17:00"
    brussels_noon = timezone.make_aware(datetime(2026, 3, 29, 12, 30))  # a DST day
    assert settings_row.latest_slot(brussels_noon) == timezone.make_aware(
        datetime(2026, 3, 29, 12, 0)
    )
    early = timezone.make_aware(datetime(2026, 3, 29, 7, 0))
    assert settings_row.latest_slot(early) == timezone.make_aware(datetime(2026, 3, 28, 17, 0))

    # The administrator moves the times: a slot a minute ago is due now.
    due = timezone.localtime(timezone.now() - timedelta(minutes=1))
    settings_row.times = f"{due:%H:%M}"
    settings_row.save()
    make_subscriber(everything=True)
    factories.release()
    with django_capture_on_commit_callbacks(execute=True):
        first = start_due_digest_rounds()
        second = start_due_digest_rounds()
    assert first is not None and second is None
    digest_round = DigestRound.objects.get()
    assert timezone.localtime(digest_round.slot).strftime("%H:%M") == f"{due:%H:%M}"
    assert digest_round.sent == 1 and len(mail.outbox) == 1
    assert start_round(digest_round.slot) is None  # unique per slot


def test_send_digests_command_runs_a_round(site_structure, factories, make_subscriber, capsys):
    make_subscriber(everything=True)
    factories.release()
    call_command("send_digests", "--here")
    assert "1 subscribers in 1 batches; sent 1, skipped 0" in capsys.readouterr().out
    assert len(mail.outbox) == 1
    assert DigestRound.objects.get().manual


def test_send_digests_says_what_it_queued(site_structure, factories, make_subscriber, capsys):
    """Without --here the batches go to the workers once committed (never, in this test's
    transaction): the command says so rather than "sent 0"."""
    make_subscriber(everything=True)
    factories.release()
    call_command("send_digests")
    out = capsys.readouterr().out
    assert "1 subscribers in 1 batches, queued: the Celery workers send them now." in out
    assert "sent 0" not in out and not mail.outbox
    digest_round = DigestRound.objects.get()
    assert digest_round.finished_at is None and digest_round.batches == 1


def test_send_digests_without_subscribers(site_structure, capsys):
    call_command("send_digests")
    assert "no active subscriber; nothing to send." in capsys.readouterr().out


def test_batch_queries_do_not_grow_with_subscribers(site_structure, factories, make_subscriber):
    """Selecting and claiming take a fixed number of queries; sending adds one UPDATE per
    email (it marks that subscriber's rows sent, see subscriptions/marks.py)."""
    publisher = factories.publisher()
    theme = factories.theme()

    def queries_for_a_round(subscribers):
        for index in range(subscribers):
            make_subscriber(publishers=[publisher], themes=[theme] if index % 2 else [])
        for _index in range(5):
            co_publisher = factories.publisher()
            factories.release(publisher=publisher, themes=[theme], co_publishers=[co_publisher])
        digest_round = start_round(timezone.now() + timedelta(minutes=subscribers), queue=False)
        batch_id = digest_round.batch_set.get().pk
        mail.outbox.clear()
        with CaptureQueriesContext(connection) as queries:
            run_digest_batch(batch_id)
        return len(queries), len(mail.outbox)

    small, small_sent = queries_for_a_round(10)
    large, large_sent = queries_for_a_round(30)  # 40 subscribers in all
    assert (small_sent, large_sent) == (10, 40)
    # At most the one UPDATE per email (caches warmed by the first round save a few).
    assert large - small <= large_sent - small_sent


def test_recipient_refused_by_the_esp_counts_as_failed_and_is_not_retried(
    site_structure, factories, make_subscriber, run_round, settings
):
    settings.EMAIL_BACKEND = "tests.subscriptions.backends.RefusingBackend"
    publisher = factories.publisher()
    refused = make_subscriber(email_address="refused@example.org", publishers=[publisher])
    fine = make_subscriber(publishers=[publisher])
    factories.release(publisher=publisher)
    digest_round = run_round()
    assert (digest_round.sent, digest_round.failed, digest_round.skipped) == (1, 1, 0)
    assert Delivery.objects.get(subscriber=refused).dispatch.state == "failed"
    assert len(mails_to(fine.email)) == 1
    assert run_round(timezone.now() + timedelta(minutes=1)).failed == 0


def test_hard_kill_resends_at_most_the_unrecorded_emails(
    site_structure, factories, make_subscriber, crashing, settings, monkeypatch
):
    """SIGKILL: no `finally` runs, so the marks of the last emails are never written. The
    retry sends those again (at most SUBSCRIPTIONS_MARK_EVERY), and nothing is lost."""
    from subscriptions import marks

    settings.SUBSCRIPTIONS_MARK_EVERY = 3
    publisher = factories.publisher()
    subscribers = [make_subscriber(publishers=[publisher]) for _index in range(8)]
    factories.release(publisher=publisher)
    digest_round = start_round(timezone.now(), queue=False)
    batch_id = digest_round.batch_set.get().pk

    real_flush = marks.Marks.flush

    def flush_unless_dead(batch_marks):
        if crashing.after is not None and crashing.seen >= crashing.after:
            raise WorkerDied("dead processes write nothing")
        real_flush(batch_marks)

    monkeypatch.setattr(marks.Marks, "flush", flush_unless_dead)
    crashing.arm(after=5)
    with pytest.raises(WorkerDied):
        run_digest_batch(batch_id)
    assert Delivery.objects.filter(dispatch__state="sent").count() == 3  # the marks written at 3
    crashing.disarm()
    run_digest_batch(batch_id)

    received = Counter(message.to[0] for message in mail.outbox)
    assert set(received) == {s.email for s in subscribers}  # nothing lost
    doubled = [address for address, count in received.items() if count > 1]
    assert doubled == [subscribers[3].email, subscribers[4].email]  # sent, not yet recorded
    assert len(doubled) <= settings.SUBSCRIPTIONS_MARK_EVERY
    assert Delivery.objects.filter(dispatch__state="sent").count() == 8


def test_round_catches_up_on_alerts_that_never_went_out(
    site_structure, factories, make_subscriber, run_round, django_capture_on_commit_callbacks
):
    publisher = factories.publisher()
    immediate = make_subscriber(publishers=[publisher], frequency="immediate")
    # Published while the broker was down: the alert task was never queued.
    lost = factories.release(publisher=publisher, title="Alert never sent")
    with django_capture_on_commit_callbacks(execute=True):
        alerted = factories.release(publisher=publisher, title="Alert sent")
    assert [m.subject for m in mails_to(immediate.email)] == ["Nieuw persbericht: Alert sent"]
    # Within the grace period the round leaves alerts alone (one may still be on its way).
    assert run_round(timezone.now() - timedelta(minutes=5)).sent == 0

    half_an_hour_ago = timezone.now() - timedelta(minutes=31)
    PressReleasePage.objects.filter(pk__in=[lost.pk, alerted.pk]).update(
        first_published_at=half_an_hour_ago
    )
    mail.outbox.clear()
    assert run_round().sent == 1
    (catch_up,) = mails_to(immediate.email)
    text = titles(catch_up)
    assert lost.title in text and alerted.title not in text
    assert Delivery.objects.filter(subscriber=immediate, dispatch__state="sent").count() == 2


def test_old_deliveries_are_purged_and_their_releases_not_sent_again(
    site_structure, factories, make_subscriber, run_round, settings
):
    settings.SUBSCRIPTIONS_LOOKBACK = timedelta(days=7)
    settings.SUBSCRIPTIONS_DELIVERY_RETENTION = timedelta(days=7)
    publisher = factories.publisher()
    subscriber = make_subscriber(
        publishers=[publisher], confirmed_at=timezone.now() - timedelta(days=30)
    )
    old = factories.release(publisher=publisher, title="Three weeks old")
    recent = factories.release(publisher=publisher, title="Recent")
    run_round(timezone.now() - timedelta(minutes=10))
    assert Delivery.objects.filter(dispatch__state="sent").count() == 2
    PressReleasePage.objects.filter(pk=old.pk).update(
        first_published_at=timezone.now() - timedelta(days=21)
    )
    mail.outbox.clear()
    run_round()  # queues the purge
    assert list(Delivery.objects.values_list("page_id", flat=True)) == [recent.pk]
    assert mails_to(subscriber.email) == []  # the old release is outside the window
    assert purge_old_deliveries() == 0
    assert Dispatch.objects.count() == 1  # the email still records the recent release
    PressReleasePage.objects.filter(pk=recent.pk).update(
        first_published_at=timezone.now() - timedelta(days=21)
    )
    assert purge_old_deliveries() == 1
    assert not Dispatch.objects.exists()  # an email with no delivery left goes too
