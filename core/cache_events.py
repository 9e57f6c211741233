"""Signals about the shared cache, sent by the cache backend (newsportal.cache) and received by
the apps that keep things in it. A module of its own: the backend imports it before the apps
are loaded."""

from django.dispatch import Signal

# Sent (with `location`) by a process that saw the cache unreachable, on its first contact once
# it is back, before that contact's own read or write. Receivers drop what they cached.
cache_reconnected = Signal()
