"""The subscribe form against bad input, bots and mail-bombing; expired and tampered links."""

import logging
import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from subscriptions.models import Subscriber, SubscriptionRequest
from subscriptions.tasks import start_due_digest_rounds

from .test_flow import confirm_link, subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher(factories):
    return factories.publisher()


def nothing_changed():
    return not SubscriptionRequest.objects.exists() and not Subscriber.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"email": "not-an-address"}, "Vul een geldig e-mailadres in"),
        ({"email": "a@b@example.org"}, "Vul een geldig e-mailadres in"),
        ({"email": ""}, "Vul uw e-mailadres in."),
        ({"organisations": ["999999"]}, "999999"),
        ({"organisations": ["abc"]}, "abc"),
        # Beyond a 64-bit id: SQLite cannot compare it (was a 500 there).
        ({"organisations": ["9" * 30]}, "9" * 30),
        ({"themes": ["-" + "9" * 30]}, "9" * 30),
        ({"themes": ["424242"]}, "424242"),
        ({"organisations": []}, "Kies minstens één afzender of thema"),
        ({"content_languages": ["xx"]}, "xx"),
        ({"content_languages": []}, "Kies minstens één taal van de persberichten."),
        ({"consent": ""}, "Vink het vakje aan"),
        ({"frequency": "hourly"}, "hourly"),
    ],
)
def test_bad_input_gets_a_clear_error_and_changes_nothing(
    client, site_structure, publisher, django_capture_on_commit_callbacks, data, message
):
    form = {"organisations": [publisher.pk], **data}
    response = subscribe(client, django_capture_on_commit_callbacks, **form)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'role="alert"' in page
    assert nothing_changed()
    assert mail.outbox == []


def test_honeypot_looks_like_success_but_sends_nothing(
    client, site_structure, publisher, django_capture_on_commit_callbacks
):
    response = subscribe(
        client,
        django_capture_on_commit_callbacks,
        organisations=[publisher.pk],
        website="http://spam.example",
    )
    assert response.status_code == 302
    assert nothing_changed()
    assert mail.outbox == []


def test_rate_limit_per_target_address(
    client, site_structure, publisher, django_capture_on_commit_callbacks, settings
):
    settings.SUBSCRIPTIONS_RATE_LIMIT_PER_ADDRESS = (2, 3600)
    for _attempt in range(2):
        response = subscribe(
            client, django_capture_on_commit_callbacks, organisations=[publisher.pk]
        )
        assert response.status_code == 302
    response = subscribe(client, django_capture_on_commit_callbacks, organisations=[publisher.pk])
    assert response.status_code == 429
    assert "We hebben al meerdere bevestigingsmails naar dit adres gestuurd" in (
        response.content.decode()
    )
    assert len(mail.outbox) == 2
    # Another address from the same network is still fine.
    response = subscribe(
        client,
        django_capture_on_commit_callbacks,
        email="colleague@example.org",
        organisations=[publisher.pk],
    )
    assert response.status_code == 302


def test_rate_limit_per_ip(
    client, site_structure, publisher, django_capture_on_commit_callbacks, settings
):
    settings.SUBSCRIPTIONS_RATE_LIMIT_PER_IP = (3, 3600)
    codes = [
        subscribe(
            client,
            django_capture_on_commit_callbacks,
            email=f"victim{index}@example.org",
            organisations=[publisher.pk],
        ).status_code
        for index in range(5)
    ]
    assert codes == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3
    assert SubscriptionRequest.objects.count() == 3


def _from(client, forwarded_for, remote="10.0.0.1"):
    """The request as the TLS terminator (10.0.0.1) passes it on."""
    client.defaults["REMOTE_ADDR"] = remote
    client.defaults["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client


def test_a_forged_left_most_forwarded_for_does_not_escape_the_limit(
    client, site_structure, publisher, django_capture_on_commit_callbacks, settings
):
    settings.SUBSCRIPTIONS_RATE_LIMIT_PER_IP = (2, 3600)
    settings.TRUSTED_PROXY_COUNT = 1
    codes = []
    for index in range(4):
        # The client writes a new address each time; the proxy appends the real one.
        _from(client, f"198.51.100.{index}, 203.0.113.7")
        codes.append(
            subscribe(
                client,
                django_capture_on_commit_callbacks,
                email=f"person{index}@example.org",
                organisations=[publisher.pk],
            ).status_code
        )
    assert codes == [302, 302, 429, 429]


def test_two_readers_behind_one_proxy_have_their_own_limits(
    client, site_structure, publisher, django_capture_on_commit_callbacks, settings
):
    settings.SUBSCRIPTIONS_RATE_LIMIT_PER_IP = (1, 3600)
    settings.TRUSTED_PROXY_COUNT = 2  # a load balancer, then the TLS terminator
    codes = []
    for index, forwarded in enumerate(
        ["203.0.113.1, 10.0.0.9", "203.0.113.2, 10.0.0.9", "203.0.113.1, 10.0.0.9"]
    ):
        _from(client, forwarded)
        codes.append(
            subscribe(
                client,
                django_capture_on_commit_callbacks,
                email=f"person{index}@example.org",
                organisations=[publisher.pk],
            ).status_code
        )
    assert codes == [302, 302, 429]


def test_without_trusted_proxies_the_forwarded_for_header_is_ignored(
    client, site_structure, publisher, django_capture_on_commit_callbacks, settings
):
    settings.SUBSCRIPTIONS_RATE_LIMIT_PER_IP = (1, 3600)
    settings.TRUSTED_PROXY_COUNT = 0
    codes = []
    for index in range(2):
        _from(client, f"198.51.100.{index}", remote="192.0.2.5")
        codes.append(
            subscribe(
                client,
                django_capture_on_commit_callbacks,
                email=f"person{index}@example.org",
                organisations=[publisher.pk],
            ).status_code
        )
    assert codes == [302, 429]


def test_ipv6_readers_are_limited_per_64(
    client, site_structure, publisher, django_capture_on_commit_callbacks, settings
):
    settings.SUBSCRIPTIONS_RATE_LIMIT_PER_IP = (1, 3600)
    settings.TRUSTED_PROXY_COUNT = 1
    codes = []
    for index, address in enumerate(["2001:db8:1:2::1", "2001:db8:1:2::ffff", "2001:db8:1:3::1"]):
        _from(client, address)
        codes.append(
            subscribe(
                client,
                django_capture_on_commit_callbacks,
                email=f"person{index}@example.org",
                organisations=[publisher.pk],
            ).status_code
        )
    assert codes == [302, 429, 302]


def test_with_the_cache_down_subscribing_still_works_and_says_so(
    client, site_structure, publisher, django_capture_on_commit_callbacks, settings, caplog
):
    """Redis unreachable (a closed port): the limit is not applied for a while, the page does
    not fail and no one is locked out; the log says why."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        },
    }
    settings.SUBSCRIPTIONS_RATE_LIMIT_PER_IP = (1, 3600)
    with caplog.at_level(logging.WARNING, logger="subscriptions.views"):
        codes = [
            subscribe(
                client,
                django_capture_on_commit_callbacks,
                email=f"person{index}@example.org",
                organisations=[publisher.pk],
            ).status_code
            for index in range(2)
        ]
    assert codes == [302, 302]
    assert "rate limit not applied" in caplog.text
    assert SubscriptionRequest.objects.count() == 2


def test_tampered_or_unknown_confirmation_link(
    client, site_structure, publisher, django_capture_on_commit_callbacks
):
    subscribe(client, django_capture_on_commit_callbacks, organisations=[publisher.pk])
    path = confirm_link("reporter@example.org")
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + "/"
    for bad in (tampered, "/nl/subscribe/confirm/x/", "/nl/subscribe/confirm/" + "a" * 300 + "/"):
        response = client.post(bad)
        assert response.status_code == 404
        assert "Deze link is niet geldig" in response.content.decode()
    assert not Subscriber.objects.exists()
    for bad in ("/nl/unsubscribe/nonsense/", "/nl/subscription/" + "0" * 32 + "-" + "0" * 40 + "/"):
        assert client.post(bad).status_code == 404


def test_unconfirmed_requests_expire(
    client, site_structure, publisher, django_capture_on_commit_callbacks
):
    subscribe(client, django_capture_on_commit_callbacks, organisations=[publisher.pk])
    path = confirm_link("reporter@example.org")
    SubscriptionRequest.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.post(path).status_code == 404
    assert not Subscriber.objects.exists()
    start_due_digest_rounds()  # the beat task also clears expired requests
    assert not SubscriptionRequest.objects.exists()


def test_a_third_party_cannot_change_an_active_subscription(
    client, site_structure, factories, django_capture_on_commit_callbacks, make_subscriber
):
    """Subscribing an existing address only sends a confirmation; nothing changes until the
    owner of the address confirms."""
    mine = factories.publisher()
    subscriber = make_subscriber(email_address="reporter@example.org", publishers=[mine])
    other = factories.publisher()
    subscribe(client, django_capture_on_commit_callbacks, organisations=[other.pk])
    subscriber.refresh_from_db()
    assert list(subscriber.publishers.all()) == [mine]
    confirmed_at = subscriber.confirmed_at
    assert client.post(confirm_link("reporter@example.org")).status_code == 200
    subscriber.refresh_from_db()
    assert list(subscriber.publishers.all()) == [other]
    # Still active: no gap in what they receive.
    assert subscriber.confirmed_at == confirmed_at


def test_errors_are_announced_and_linked_to_their_field(
    client, site_structure, publisher, django_capture_on_commit_callbacks
):
    response = subscribe(
        client, django_capture_on_commit_callbacks, email="nope", organisations=[publisher.pk]
    )
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_email_error"' in page
    assert 'id="id_email_error"' in page
    # What was typed is kept, so nothing has to be chosen again.
    assert 'value="nope"' in page
    assert f'value="{publisher.pk}" id="id_organisations_0" checked' in page
