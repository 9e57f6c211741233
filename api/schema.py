"""drf-spectacular hooks: the schema describes /api/v1/ only (Wagtail's admin API is DRF too)."""

PREFIX = "/api/v1/"


def only_public_api(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PREFIX)]
