"""Link tokens for a subscriber: `<public id>-<HMAC>`. The HMAC covers the purpose, the public
id and the subscriber's secret, with SECRET_KEY: unguessable, and all links die together when
the secret is replaced or the subscriber is erased."""

import uuid

from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Subscriber

MANAGE = "manage"
UNSUBSCRIBE = "unsubscribe"


def _signature(subscriber, purpose):
    value = f"{subscriber.public_id.hex}:{subscriber.secret}"
    return salted_hmac(f"subscriptions.{purpose}", value, algorithm="sha256").hexdigest()[:40]


def make_token(subscriber, purpose):
    return f"{subscriber.public_id.hex}-{_signature(subscriber, purpose)}"


def subscriber_for_token(token, purpose):
    """The subscriber the token was made for, or None for a malformed or tampered token."""
    public_hex, _sep, signature = (token or "").partition("-")
    if len(public_hex) != 32 or len(signature) != 40:
        return None
    try:
        public_id = uuid.UUID(hex=public_hex)
    except ValueError:
        return None
    subscriber = Subscriber.objects.filter(public_id=public_id).first()
    if subscriber is None or not constant_time_compare(signature, _signature(subscriber, purpose)):
        return None
    return subscriber
