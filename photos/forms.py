"""The filters of the photo library, read from shareable GET parameters: `publisher` (slug),
`theme` (slug), `from`, `to` (YYYY-MM-DD) and `q`. A value that cannot be used is dropped and
reported back, never an error page (like the news listing's, releases.forms)."""

from datetime import date
from urllib.parse import urlencode

from django.utils.translation import gettext

from releases.cards import all_publishers, all_themes
from releases.forms import MAX_DATE, MIN_DATE, publisher_choices, quoted_value
from releases.search import normalize_search_text

PUBLISHER, THEME, DATE_FROM, DATE_TO, TEXT = "publisher", "theme", "from", "to", "q"
PARAMETERS = (TEXT, PUBLISHER, THEME, DATE_FROM, DATE_TO)
MAX_SEARCH_LENGTH = 200


class PhotoFilters:
    """What the visitor asked for: `values` (every parameter, as typed when usable, else ""),
    `filters` (publisher and theme objects, dates, text) and `ignored` (messages)."""

    def __init__(self, params):
        publishers = all_publishers()
        themes = all_themes()
        self.publisher_choices = publisher_choices(publishers)
        self.theme_choices = [(theme.slug, theme.name) for theme in themes]
        self.ignored = []
        # Every key present: the form's template reads each one for every option it lists.
        self.values = dict.fromkeys(PARAMETERS, "")
        self.filters = {}
        self._read(params, {p.slug: p for p in publishers}, {t.slug: t for t in themes})

    def _ignore(self, label, value):
        self.ignored.append(
            gettext("%(label)s: “%(value)s” cannot be used and was ignored.")
            % {"label": label, "value": quoted_value(value)}
        )

    def _read(self, params, publishers, themes):
        text = normalize_search_text(params.get(TEXT, ""))[:MAX_SEARCH_LENGTH]
        if text:
            self.values[TEXT] = self.filters[TEXT] = text
        for name, known, label in (
            (PUBLISHER, publishers, gettext("Publisher")),
            (THEME, themes, gettext("Theme")),
        ):
            value = (params.get(name) or "").strip()
            if not value:
                continue
            if value in known:
                self.values[name] = value
                self.filters[name] = known[value]
            else:
                self._ignore(label, value)
        for name, label in ((DATE_FROM, gettext("From")), (DATE_TO, gettext("To"))):
            value = (params.get(name) or "").strip()
            if not value:
                continue
            try:
                day = date.fromisoformat(value)
            except ValueError:
                day = None
            if day is None or not MIN_DATE <= day <= MAX_DATE:
                self._ignore(label, value)
                continue
            self.values[name] = value
            self.filters[name] = day

    @property
    def is_filtered(self):
        return bool(self.filters)

    def querystring(self):
        return urlencode([(name, self.values[name]) for name in PARAMETERS if self.values[name]])
