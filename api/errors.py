"""Errors of the API as JSON: `{"detail": "...", "errors": ["...", ...]}`, never an HTML page."""

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


class InvalidQuery(exceptions.APIException):
    """Query parameters that cannot be used: 400 with every reason."""

    status_code = 400
    default_code = "invalid_query"

    def __init__(self, messages):
        # The listing's own messages say what it ignores; here nothing is answered instead.
        self.messages = [str(message) for message in messages]
        super().__init__(_("The query has parameters that cannot be used: nothing was returned."))


class NotFound(exceptions.NotFound):
    default_detail = _("Not found: nothing public has this identifier.")


class Withdrawn(exceptions.APIException):
    """A withdrawn release: 410 with its date and reason, as its page shows them."""

    status_code = 410
    default_code = "withdrawn"

    def __init__(self, withdrawn_at, reason):
        self.extra = {"withdrawn_at": withdrawn_at.isoformat(), "reason": reason}
        super().__init__(
            _("Withdrawn on %(date)s: %(reason)s")
            % {
                "date": formats.date_format(timezone.localtime(withdrawn_at), "DATE_FORMAT"),
                "reason": reason,
            }
        )


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is not None:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        messages = getattr(exc, "messages", None) or [str(detail)]
        response.data = {"detail": str(detail), "errors": messages, **getattr(exc, "extra", {})}
    return response
