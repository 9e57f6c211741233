"""The query parameters of the API, read strictly: a value that cannot be used is a 400 that
says why (the news listing drops it with a message instead). The release filters are the
listing's own (releases.forms.ReleaseFilterForm), so both read them the same way."""

import base64
import binascii
from datetime import datetime, time

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext
from wagtail.models import Locale

from releases.forms import (
    DATE_FROM,
    DATE_TO,
    MAX_DATE,
    MIN_DATE,
    PUBLISHER,
    SORT,
    TEXT,
    THEME,
    TYPE,
    ReleaseFilterForm,
    quoted_value,
)

from .errors import InvalidQuery

LANGUAGE, PAGE, PAGE_SIZE, SINCE, CURSOR = "language", "page", "page_size", "since", "cursor"
RELEASE_FILTERS = (LANGUAGE, PUBLISHER, TYPE, THEME, DATE_FROM, DATE_TO, TEXT, SORT)
DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 20, 100
# Beyond any list: a larger number is refused rather than turned into a huge OFFSET.
MAX_PAGE = 100_000


class Params:
    """The query string of one request, checked against the parameters the endpoint takes;
    `check()` raises InvalidQuery with every problem found."""

    def __init__(self, request, allowed):
        self.data = request.query_params
        self.errors = []
        unknown = sorted(set(self.data) - set(allowed))
        for name in unknown:
            if allowed:
                message = gettext("Unknown parameter “%(name)s”; this endpoint takes: %(names)s.")
            else:
                message = gettext("Unknown parameter “%(name)s”; this endpoint takes none.")
            self.errors.append(message % {"name": quoted_value(name), "names": ", ".join(allowed)})

    def check(self):
        if self.errors:
            raise InvalidQuery(self.errors)

    def value(self, name):
        """The one value of `name` ('' when absent)."""
        values = [value.strip() for value in self.data.getlist(name) if value.strip()]
        if len(values) > 1:
            self.errors.append(
                gettext("The parameter “%(name)s” takes a single value.") % {"name": name}
            )
        return values[0] if values else ""

    def locale(self):
        """The Locale of `language`, or None for every language."""
        code = self.value(LANGUAGE)
        if not code:
            return None
        if code not in settings.LANGUAGE_CODES:
            self.errors.append(
                gettext("Unknown language “%(value)s”; the languages are: %(codes)s.")
                % {"value": quoted_value(code), "codes": ", ".join(settings.LANGUAGE_CODES)}
            )
            return None
        return Locale.objects.filter(language_code=code).first()

    def integer(self, name, default, maximum):
        raw = self.value(name)
        if not raw:
            return default
        digits = raw.isascii() and raw.isdigit() and len(raw) <= len(str(maximum))
        if not digits or not 1 <= int(raw) <= maximum:
            self.errors.append(
                gettext("“%(name)s” must be a whole number from 1 to %(maximum)s.")
                % {"name": name, "maximum": maximum}
            )
            return default
        return int(raw)

    def page(self):
        return self.integer(PAGE, 1, MAX_PAGE)

    def page_size(self):
        return self.integer(PAGE_SIZE, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)

    def release_query(self):
        """The listing's filters as a ReleaseQuery; what it would drop is an error here."""
        form = ReleaseFilterForm(self.data)
        self.errors.extend(str(message) for message in form.ignored)
        return form.release_query

    def position(self):
        """Where a sync starts: `(first published at, id)` from `cursor`, or `(since, 0)`,
        or None when neither is given."""
        cursor, since = self.value(CURSOR), self.value(SINCE)
        if cursor and since:
            self.errors.append(gettext("Give either “since” or “cursor”, not both."))
            return None
        if cursor:
            return self._decode(cursor)
        if since:
            return self._since(since)
        return None

    def _since(self, raw):
        moment = None
        try:
            moment = parse_datetime(raw)
            if moment is None:
                day = parse_date(raw)
                moment = datetime.combine(day, time.min) if day else None
        except ValueError:
            moment = None
        if moment is None or not MIN_DATE <= moment.date() <= MAX_DATE:
            self.errors.append(
                gettext(
                    "“%(value)s” is not a date (YYYY-MM-DD) or a date and time "
                    "(YYYY-MM-DDTHH:MM:SS+01:00)."
                )
                % {"value": quoted_value(raw)}
            )
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment, 0

    def _decode(self, raw):
        try:
            text = base64.urlsafe_b64decode(raw.encode("ascii") + b"==").decode("ascii")
            stamp, _sep, pk = text.partition("|")
            moment = datetime.fromisoformat(stamp)
            if timezone.is_naive(moment) or not pk.isdigit():
                raise ValueError(text)
            return moment, int(pk)
        except (ValueError, UnicodeError, binascii.Error):
            self.errors.append(
                gettext(
                    "The cursor “%(value)s” is not one this API gave out: start again with “since”."
                )
                % {"value": quoted_value(raw)}
            )
            return None


def encode_cursor(moment, pk):
    """The opaque cursor of a sync position: after the release `pk` first published at
    `moment`."""
    text = f"{moment.isoformat()}|{pk}"
    return base64.urlsafe_b64encode(text.encode("ascii")).decode("ascii").rstrip("=")
