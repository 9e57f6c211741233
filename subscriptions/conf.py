"""Settings of the subscriptions app, with their defaults (override any in Django settings)."""

from datetime import timedelta

from django.conf import settings

from core import emails


def _get(name, default):
    return getattr(settings, name, default)


def confirmation_lifetime():
    """How long a subscription request waits for its confirmation before it is deleted."""
    return _get("SUBSCRIPTIONS_CONFIRMATION_LIFETIME", timedelta(hours=48))


def batch_size():
    """Subscribers per batch task of a digest round."""
    return _get("SUBSCRIPTIONS_BATCH_SIZE", 500)


def lookback():
    """How far back a round looks for releases that went live and were not delivered yet:
    a bound for the query, long enough to cover days of missed rounds."""
    return _get("SUBSCRIPTIONS_LOOKBACK", timedelta(days=7))


def delivery_retention():
    """Sent deliveries are kept this long beyond the look-back window, then deleted: a round
    never looks at releases older than the window, so their rows no longer prevent anything."""
    return _get("SUBSCRIPTIONS_DELIVERY_RETENTION", timedelta(days=7))


def claim_lease():
    """How long a batch owns the deliveries it claimed. A claim older than this was left by a
    batch that gave up (retries exhausted): the next round takes it over. Much longer than a
    batch may run (see BATCH_TIME_LIMIT)."""
    return _get("SUBSCRIPTIONS_CLAIM_LEASE", timedelta(hours=1))


def alert_grace():
    """How long after going live a release must still be without a delivery before a digest
    round sends it to an immediate-alert subscriber (its alert never went out)."""
    return _get("SUBSCRIPTIONS_ALERT_GRACE", timedelta(minutes=30))


def mark_every():
    """Emails sent between two writes of their Delivery rows as sent (see marks.py): the
    most a hard-killed worker can send twice."""
    return _get("SUBSCRIPTIONS_MARK_EVERY", 50)


def batch_time_limit():
    return _get("SUBSCRIPTIONS_BATCH_TIME_LIMIT", 15 * 60)


def rate_limit_per_ip():
    """(requests, seconds): subscribe requests accepted from one IP address."""
    return _get("SUBSCRIPTIONS_RATE_LIMIT_PER_IP", (10, 3600))


def rate_limit_per_address():
    """(requests, seconds): confirmation emails sent to one address."""
    return _get("SUBSCRIPTIONS_RATE_LIMIT_PER_ADDRESS", (3, 24 * 3600))


def from_email():
    return emails.from_email("SUBSCRIPTIONS_FROM_EMAIL")
