"""Which releases a list shows: the filters of the news listing, search and the orders, on top
of what the public may see at all (live, public, not expired: core.public)."""

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from core.public import public_pages

from .cards import with_card_relations
from .models.press_release import PressReleasePage

# Lists show the newest releases first; the page id breaks ties between releases of one minute.
NEWEST_FIRST = ("-published_at", "-id")
# The same on a release's own columns, for queries that read no page column.
ORDER_COLUMNS = ("-published_at", "-page_ptr_id")


def live_releases(locale=None):
    """Releases the public may see (PressReleasePage.objects.public_live()), of `locale` when
    given."""
    queryset = PressReleasePage.objects.public_live()
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset


# Anything that is not a letter or a digit separates words: the search backends (PostgreSQL
# tsquery, SQLite FTS5) then never see quotes, operators or control characters.
_WORD = re.compile(r"[^\W_]+")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def clean_search_text(text):
    """Search text reduced to its words, separated by single spaces ('' when none is left).

    Drops NUL bytes, control characters, lone surrogates and punctuation, so that whatever a
    visitor types reaches the database as plain words."""
    text = _SURROGATES.sub(" ", text or "")
    text = unicodedata.normalize("NFC", text)
    return " ".join(_WORD.findall(text))


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class ReleaseQuery:
    """Validated filters for "the live releases matching these filters".

    Different filters combine (AND); the values of one filter are alternatives (OR). A release
    is "by" a publisher when that publisher is its main publisher or one of its co-publishers;
    the type filter follows the same rule. Council decisions are releases like any other, so
    they appear in every list they match."""

    publishers: tuple = ()  # Publisher instances
    kinds: tuple = ()  # Publisher.Kind values
    themes: tuple = ()  # Theme instances
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""  # already cleaned by clean_search_text
    # Search results newest first (the default), or by relevance when asked.
    relevance: bool = False

    @property
    def is_filtered(self):
        return bool(
            self.publishers
            or self.kinds
            or self.themes
            or self.date_from
            or self.date_to
            or self.text
        )

    def filtered(self, locale=None):
        """The live releases of `locale` matching every filter except the text, as a queryset.

        Every filter is on a field the search indexes declare (`search_fields`) or a
        `pk IN (...)` subquery: the form the search backends accept, in which a search joins
        the page table once per release it reads."""

        queryset = live_releases(locale)
        dates = self._date_range()
        if self.publishers:
            ids = [publisher.pk for publisher in self.publishers]
            queryset = queryset.filter(pk__in=_released_by(dates, publisher__in=ids))
        if self.kinds:
            kinds = list(self.kinds)
            queryset = queryset.filter(pk__in=_released_by(dates, publisher__kind__in=kinds))
        if self.themes:
            themes = PressReleasePage.themes.through.objects.filter(
                theme__in=[theme.pk for theme in self.themes]
            )
            queryset = queryset.filter(pk__in=themes.values("pressreleasepage_id"))
        return queryset.filter(**dates)

    def _date_range(self):
        """The date filters as lookups on `published_at`: from the start of the first day to
        the end of the last, in the site's time zone."""
        dates = {}
        if self.date_from:
            dates["published_at__gte"] = _day_start(self.date_from)
        if self.date_to:
            dates["published_at__lt"] = _day_start(self.date_to + timedelta(days=1))
        return dates

    def results(self, locale=None, relevance=None):
        """The matching releases, ready to display: newest first, or by relevance when there is
        search text and `relevance` (default: the query's own choice) is true. A queryset, or
        Wagtail search results when searching; both paginate and slice the same way. The
        number of SQL queries does not depend on how many releases are shown."""

        relevance = self.relevance if relevance is None else relevance
        if not self.text:
            # Merging two cut lists takes LIMIT inside a UNION, which SQLite refuses. Not for a
            # type of publisher: its main publishers' releases have no index in date order,
            # and walking all releases for the Council's few is far slower (bench/README.md).
            merges = connection.features.supports_slicing_ordering_in_compound
            if self.publishers and not self.kinds and merges:
                return NewestOfPublishers(*self._publisher_branches(locale))
            return with_card_relations(self.filtered(locale)).order_by(*NEWEST_FIRST)
        if relevance:
            return self._ranked(self._newest_matches(locale).values("pk"))
        return self._by_date(with_card_relations(self.filtered(locale)))

    def listing(self, locale=None):
        """What a listing pages through, and how many releases that is: `(items, count)`.

        A search reads the ids of its newest `SEARCH_MAX_RESULTS` + 1 matches in one query,
        which gives the count (capped: past the limit the figure is that limit + 1) and the
        releases to show, so the search itself runs once per page."""
        if not self.text:
            results = self.results(locale)
            return results, (results.count() if self.is_filtered else count_all(locale))
        if self.relevance and connection.vendor == "postgresql":
            # The ranks come with the matches: one query, sorted here.
            matches = self._newest_matches(locale, extra=1, score=True)
            scores = dict(matches.values_list("pk", "_score"))
            window = list(scores)[: settings.SEARCH_MAX_RESULTS]
            window.sort(key=lambda pk: (-scores[pk], -pk))
            return ReleasesInOrder(window), len(scores)
        ids = list(self._newest_matches(locale, extra=1).values_list("pk", flat=True))
        window = ids[: settings.SEARCH_MAX_RESULTS]
        items = self._ranked(window) if self.relevance else ReleasesInOrder(window)
        return items, len(ids)

    def _ranked(self, ids):
        """The releases among `ids` by relevance. Only the newest matches are ranked: ranking
        every match of a common word reads all their text (seconds at the archive's size, see
        bench/README.md), and a search only browses its newest matches anyway."""

        releases = with_card_relations(PressReleasePage.objects.filter(pk__in=ids))
        return releases.search(self.text, order_by_relevance=True)

    def _publisher_branches(self, locale):
        """For a filter on publishers: the releases matching every filter whose main publisher
        is one of them, and those co-published by one of them."""

        lookup = {"publisher__in": [publisher.pk for publisher in self.publishers]}
        others = replace(self, publishers=()).filtered(locale)
        through = PressReleasePage.co_publishers.through
        co_published = through.objects.filter(**lookup).values("pressreleasepage_id")
        return others.filter(**lookup), others.filter(pk__in=co_published)

    def _newest_matches(self, locale, extra=0, score=False):
        """The newest `SEARCH_MAX_RESULTS` (+ `extra`) matches, as a plain queryset: the
        database search backends hand out the Django queryset behind their results. With
        `score`, each carries its relevance as `_score` (on PostgreSQL: higher is better)."""
        matches = self._by_date(self.filtered(locale))
        if score:
            matches = matches.annotate_score("_score")
        return matches[: settings.SEARCH_MAX_RESULTS + extra].get_queryset()

    def _by_date(self, queryset):
        return queryset.order_by(*NEWEST_FIRST).search(self.text, order_by_relevance=False)


class ReleasesInOrder:
    """The releases of a list of ids, in that order, fetched a slice at a time with what a
    card shows: a search's newest matches, paged without searching again."""

    def __init__(self, ids):
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        return _releases_in_order(self.ids[index])


class NewestOfPublishers:
    """The releases of a filter on publishers, newest first, fetched a slice at a time with
    what a card shows.

    Such a release has one of them as main publisher or as co-publisher. Taken as one set
    (`pk IN (… UNION …)`), PostgreSQL reads every release of the publisher before it keeps the
    newest twenty (slow for a publisher with thousands: bench/README.md). Here each half
    is read newest first and cut at the end of the slice (the main publishers' half along the
    `(publisher, -published_at)` index), and the two are merged."""

    def __init__(self, by_main, by_co):
        self.by_main, self.by_co = by_main, by_co

    def count(self):
        main, co = (releases.order_by().values("pk") for releases in (self.by_main, self.by_co))
        return main.union(co).count()

    def __len__(self):
        return self.count()

    def __iter__(self):
        return iter(self[0 : self.count()])

    def __getitem__(self, index):
        # What a paginator and a feed ask for: an index or a slice from a start, forwards.
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start = index.start or 0
        stop = self.count() if index.stop is None else index.stop
        if stop <= start:
            return []

        def newest(queryset):
            fields = ("page_ptr_id", "published_at")
            return queryset.order_by(*ORDER_COLUMNS).values_list(*fields)[:stop]

        merged = newest(self.by_main).union(newest(self.by_co)).order_by(*ORDER_COLUMNS)
        return _releases_in_order([pk for pk, _published_at in merged[start:stop]])


def _releases_in_order(ids):

    releases = with_card_relations(PressReleasePage.objects.filter(pk__in=ids))
    by_id = {release.pk: release for release in releases}
    return [by_id[pk] for pk in ids if pk in by_id]


def _released_by(dates, **publisher_lookup):
    """Ids of the releases whose main publisher or one of whose co-publishers matches.

    A UNION of two index scans: the planner cannot use an index for `publisher IN (...) OR
    EXISTS (co-publisher ...)` and read every release instead (bench/README.md has the
    figures). The main publishers' part also takes the `dates` lookups,
    which the index on (publisher, publication date) answers: fewer ids to join."""

    through = PressReleasePage.co_publishers.through
    main = PressReleasePage.objects.filter(**publisher_lookup, **dates).order_by().values("pk")
    co = through.objects.filter(**publisher_lookup).order_by().values("pressreleasepage_id")
    return main.union(co)


def count_all(locale=None):
    """How many releases are live in `locale`, counted on Wagtail's page table alone: an
    index-only scan of the partial index of migration 0002, where a count through the release
    model would join every release row (bench/README.md)."""

    queryset = public_pages(Page).filter(
        content_type=ContentType.objects.get_for_model(PressReleasePage)
    )
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset.count()
