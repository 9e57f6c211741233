"""The one place that says what the public may see: live, public, not expired.

Listings, feeds, publisher pages, the sitemap, the API and the digests all start here."""

from django.db.models import Q
from django.utils import timezone


def live_pages(model):
    """Live pages of `model` that have no view restriction and whose expiry has not passed."""
    now = timezone.now()
    return (
        model.objects.live()
        .public()
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    )


def live_releases(locale=None):
    from .models import PressReleasePage

    queryset = live_pages(PressReleasePage)
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset
