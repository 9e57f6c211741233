"""Which releases a list shows: the filters of the news listing, search and the orders, on top
of what the public may see at all (live, public, not expired: core.public)."""

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.functions import ExtractYear
from django.utils import timezone
from wagtail.models import Page

from core.public import public_pages
from directory.models import Publisher

from . import search
from .cards import (
    CARD_PAGE_FIELDS,
    ReleaseCards,
    all_publishers,
    attach_card_relations,
    card_fields,
    with_card_relations,
)
from .models.press_release import PressReleasePage, not_withdrawn

# Lists show the newest releases first; the page id breaks ties between releases of one minute.
NEWEST_FIRST = ("-published_at", "-id")
# A search counts its matches in the other languages up to this number ("more than 100").
OTHER_LANGUAGES_LIMIT = 100
# The same on a release's own columns, for queries that read no page column.
ORDER_COLUMNS = ("-published_at", "-page_ptr_id")


def live_releases(locale=None):
    """Releases the public may see (PressReleasePage.objects.public_live()), of `locale` when
    given."""
    queryset = PressReleasePage.objects.public_live()
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset


def clean_search_text(text):
    """Search text reduced to its words, separated by single spaces ('' when none is left):
    what SQLite's search (FTS5) receives, which has no use for quotes or operators.

    Drops NUL bytes, control characters, lone surrogates and punctuation."""
    return " ".join(search.search_words(search.normalize_search_text(text)))


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
    # Normalised by search.normalize_search_text: on PostgreSQL, web search syntax (quoted
    # phrases, -exclusions, OR); elsewhere its words only (clean_search_text).
    text: str = ""
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

        On PostgreSQL every condition is on the release row: what is live (search.public),
        and its publishers and themes (copies of migration 0012, with the indexes of 0014).
        A subquery of every release of a type or a theme, joined to the releases of a
        language or the matches of a common word, cost 100 to 500 ms (bench/README.md,
        session 13). Elsewhere every filter is on a field the search indexes declare
        (`search_fields`) or a `pk IN (...)` subquery: the form Wagtail's search backends
        accept (SQLite's search)."""

        dates = self._date_range()
        if search.available():
            queryset = search.public(PressReleasePage.objects.all(), getattr(locale, "pk", locale))
            if self.publishers:
                queryset = queryset.filter(
                    search.published_by([publisher.pk for publisher in self.publishers])
                )
            if self.kinds:
                queryset = queryset.filter(search.published_by(self._kind_publisher_ids))
            if self.themes:
                queryset = queryset.filter(search.about([theme.pk for theme in self.themes]))
            return queryset.filter(**dates)
        queryset = live_releases(locale)
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
        a list-like of the ranked newest matches; both paginate and slice the same way. The
        number of SQL queries does not depend on how many releases are shown."""

        relevance = self.relevance if relevance is None else relevance
        if not self.text:
            # Merging two cut lists takes LIMIT inside a UNION, which SQLite refuses. Not for a
            # type of publisher: its main publishers' releases have no index in date order,
            # and walking all releases for the Council's few is far slower (bench/README.md).
            merges = connection.features.supports_slicing_ordering_in_compound
            if self.publishers and not self.kinds and merges:
                return NewestOfPublishers(*self._publisher_branches(locale))
            return with_card_relations(self.filtered(locale).order_by(*NEWEST_FIRST))
        if search.available():
            if relevance:
                return replace(self, relevance=True).search(locale).items
            return with_card_relations(self._matching(locale).order_by(*NEWEST_FIRST))
        if relevance:
            return self._ranked(self._newest_matches(locale).values("pk"))
        return ReleaseCards(self._by_date(card_fields(self.filtered(locale))))

    def listing(self, locale=None):
        """What a listing pages through, and how many releases that is: `(items, count)`.

        A search reads the ids of its newest `SEARCH_MAX_RESULTS` + 1 matches in one query,
        which gives the count (capped: past the limit the figure is that limit + 1) and the
        releases to show, so the search itself runs once per page."""
        if not self.text:
            results = self.results(locale)
            return results, (results.count() if self.is_filtered else count_all(locale))
        if search.available():
            found = self.search(locale)
            return found.items, found.count
        ids = list(self._newest_matches(locale, extra=1).values_list("pk", flat=True))
        window = ids[: settings.SEARCH_MAX_RESULTS]
        items = self._ranked(window) if self.relevance else ReleasesInOrder(window)
        return items, len(ids)

    def search(self, locale):
        """The search of a listing in `locale` on PostgreSQL: a SearchResults."""
        return SearchResults(self, locale)

    @cached_property
    def tsqueries(self):
        """`{locale id: (language code, tsquery)}` of the text (PostgreSQL): each language
        parses it with its own analysis. Computed once per query object (two queries)."""
        return search.tsqueries(self.text)

    @cached_property
    def _kind_publisher_ids(self):
        """The ids of the publishers of the chosen types, from the list the filter panel reads:
        named in the condition, the planner counts them with its statistics, where a subquery
        would leave it guessing."""
        return [publisher.pk for publisher in all_publishers() if publisher.kind in self.kinds]

    def without(self, **changes):
        """This query with some filters changed, keeping the parsed text."""
        other = replace(self, **changes)
        if "tsqueries" in self.__dict__:
            # A frozen dataclass: the cache is written the way cached_property writes it.
            other.__dict__["tsqueries"] = self.tsqueries
        return other

    def _matching(self, locale):
        """The releases matching every filter and the text, each in its own language
        (PostgreSQL): in one locale, that locale's tsquery; across all, each locale's."""
        queryset = self.filtered(locale)
        tsqueries = self.tsqueries
        if locale is not None:
            language, tsquery = tsqueries[getattr(locale, "pk", locale)]
            return search.matching(queryset, tsquery, language)
        return search.matching_any(queryset, tsqueries)

    def _ranked(self, ids):
        """The releases among `ids` by relevance (SQLite). Only the newest matches are ranked:
        ranking every match of a common word reads all their text (seconds at the archive's
        size, see bench/README.md), and a search only browses its newest matches anyway."""

        releases = card_fields(PressReleasePage.objects.filter(pk__in=ids))
        return ReleaseCards(releases.search(self._words, order_by_relevance=True))

    @property
    def _words(self):
        return clean_search_text(self.text)

    def _publisher_branches(self, locale):
        """For a filter on publishers: the releases matching every filter whose main publisher
        is one of them, and those co-published by one of them."""

        lookup = {"publisher__in": [publisher.pk for publisher in self.publishers]}
        others = replace(self, publishers=()).filtered(locale)
        through = PressReleasePage.co_publishers.through
        co_published = through.objects.filter(**lookup).values("pressreleasepage_id")
        return others.filter(**lookup), others.filter(pk__in=co_published)

    def _newest_matches(self, locale, extra=0):
        """The newest `SEARCH_MAX_RESULTS` (+ `extra`) matches (SQLite), as a plain queryset:
        the database search backend hands out the Django queryset behind its results."""
        matches = self._by_date(self.filtered(locale))
        return matches[: settings.SEARCH_MAX_RESULTS + extra].get_queryset()

    def _by_date(self, queryset):
        return queryset.order_by(*NEWEST_FIRST).search(self._words, order_by_relevance=False)


class SearchResults:
    """A search of one listing on PostgreSQL.

    Its newest `SEARCH_MAX_RESULTS` + 1 matches are found once: their number is the count
    (capped past the limit), they are the releases a reader pages through (fetched a page at a
    time, with highlights), and the facets count them. Only the newest matches are ranked and
    counted in facets: ranking or grouping every match of a common word reads all their rows
    (bench/README.md). The database orders and counts them (`_window`): reading a thousand
    rows with their themes and co-publishers to count them here cost more than the search."""

    def __init__(self, query, locale):
        self.query = query
        self.locale_id = getattr(locale, "pk", locale)
        self.language, self.tsquery = query.tsqueries[self.locale_id]
        self.count, ids, self._facets = self._window(query, ranked=query.relevance)
        tsquery = self.tsquery
        self.items = ReleasesInOrder(
            ids,
            prepare=lambda releases: search.with_highlights(releases, tsquery).only(
                *CARD_PAGE_FIELDS
            ),
        )

    def _window(self, query, ranked=False):
        """`(count, ids, facets)` of the newest matches of `query`, in one query: how many
        there are (up to SEARCH_MAX_RESULTS + 1), the ids of the first SEARCH_MAX_RESULTS in
        the list's order (newest first, or by relevance when `ranked`), and their facet
        counts (see `facets`). The year of publication is the site's (Brussels)."""
        matches = query._matching(self.locale_id).order_by(*NEWEST_FIRST)
        matches = matches.annotate(
            _year=ExtractYear("published_at"),
            _themes=search.column("theme_ids"),
            _co_publishers=search.column("co_publisher_ids"),
        )
        fields = ["pk", "publisher_id", "published_at", "_year", "_themes", "_co_publishers"]
        ids_sql = "SELECT array_agg(id ORDER BY published_at DESC, id DESC)::bigint[] FROM w"
        columns = "id, publisher_id, published_at, year, theme_ids, co_publisher_ids"
        inner = columns  # the names of the ORM query's columns; `columns`, what m selects
        score_params = []
        if ranked:
            # Scored once cut to the window: a match list read through the text index arrives
            # unordered, and scoring it before the cut scored every match.
            matches = matches.annotate(_vector=search.column("search_vector"))
            fields.append("_vector")
            score, score_params = search.score_sql(self.tsquery, "vector", "published_at")
            inner += ", vector"
            columns += f", {score} AS score"
            ids_sql = "SELECT array_agg(id ORDER BY score DESC, id DESC)::bigint[] FROM w"
        limited = matches.values_list(*fields)[: settings.SEARCH_MAX_RESULTS + 1]
        sql, params = limited.query.sql_with_params()
        publishers = Publisher._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH m AS MATERIALIZED (SELECT {columns} FROM ({sql}) AS found({inner})),
                w AS MATERIALIZED (
                    SELECT * FROM m ORDER BY published_at DESC, id DESC LIMIT %s
                ),
                p AS MATERIALIZED (
                    SELECT id, publisher_id AS publisher FROM w
                    UNION ALL SELECT id, co_publisher FROM (
                        SELECT id, publisher_id, unnest(co_publisher_ids) AS co_publisher FROM w
                    ) AS co WHERE co_publisher <> publisher_id
                )
                SELECT 'count', (SELECT count(*) FROM m)::text, ({ids_sql})
                UNION ALL SELECT 'year', year::text, array[count(*)] FROM w GROUP BY year
                UNION ALL SELECT 'publisher', publisher::text, array[count(*)]
                    FROM p GROUP BY publisher
                UNION ALL SELECT 'type', kind, array[count(*)] FROM (
                    SELECT DISTINCT p.id, k.kind FROM p JOIN {publishers} k ON k.id = p.publisher
                ) AS kinds GROUP BY kind
                UNION ALL SELECT 'theme', theme::text, array[count(*)]
                    FROM (SELECT unnest(theme_ids) AS theme FROM w) AS themes GROUP BY theme
                """,
                [*score_params, *params, settings.SEARCH_MAX_RESULTS],
            )
            rows = cursor.fetchall()
        count, ids, facets = 0, [], {"publisher": {}, "type": {}, "theme": {}, "year": {}}
        for group, key, values in rows:
            if group == "count":
                count, ids = int(key), values or []
            else:
                facets[group][key if group == "type" else int(key)] = values[0]
        return count, ids, facets

    def facets(self):
        """How many of the matches each publisher, type of publisher, theme and year has:
        `{"publisher": {id: n}, "type": {kind: n}, "theme": {id: n}, "year": {year: n}}`.
        A release counts once for each of its publishers (main and co-publishers), their
        types and its themes.

        A group whose filter is applied counts the matches of the query without that filter,
        so that its other values say what choosing them too would add."""
        groups = {
            "publisher": {"publishers": ()},
            "type": {"kinds": ()},
            "theme": {"themes": ()},
            "year": {"date_from": None, "date_to": None},
        }
        counted = {(): self._facets}
        facets = {}
        for group, cleared in groups.items():
            applied = tuple(field for field in cleared if getattr(self.query, field))
            if applied not in counted:
                counted[applied] = self._window(self.query.without(**cleared))[2]
            facets[group] = counted[applied][group]
        return facets

    def other_languages(self):
        """`[(language code, count)]` of the same search and filters in each other language
        that has matches, counted up to OTHER_LANGUAGES_LIMIT + 1: a hint, not a list."""
        others = sorted(
            (language, locale_id, tsquery)
            for locale_id, (language, tsquery) in self.query.tsqueries.items()
            if locale_id != self.locale_id
        )
        if not others:
            return []
        # One round trip, and the query built once: its SQL with stand-ins for the language's
        # locale, configuration and tsquery, repeated for each language with their values.
        stand_ins = _StandIn(), _StandIn(), _StandIn()
        locale, language, tsquery = stand_ins
        capped = search.matching(self.query.filtered(locale), tsquery, language)
        capped = capped.order_by().values("pk")[: OTHER_LANGUAGES_LIMIT + 1]
        sql, params = capped.query.sql_with_params()
        statements, values = [], []
        for code, locale_id, query_text in others:
            bound = dict(zip(stand_ins, (locale_id, code, query_text), strict=True))
            statements.append(f"SELECT %s, count(*) FROM ({sql}) AS found")
            values += [locale_id, *(bound[p] if isinstance(p, _StandIn) else p for p in params)]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(statements), values)
            counts = dict(cursor.fetchall())
        return [
            (code, counts[locale_id])
            for code, locale_id, _tsquery in others
            if counts.get(locale_id)
        ]

    def suggestion(self):
        """For a search without results: a close spelling that has some, or None."""
        if self.count:
            return None
        content_type = ContentType.objects.get_for_model(PressReleasePage)
        text = search.suggestion(self.query.text, self.locale_id, content_type.pk)
        if not text:
            return None
        corrected = replace(self.query, text=text)
        if not corrected._matching(self.locale_id).exists():
            return None
        return text


class _StandIn:
    """A query parameter whose value is given when the compiled SQL runs (other_languages)."""


class ReleasesInOrder:
    """The releases of a list of ids, in that order, fetched a slice at a time with what a
    card shows: a search's newest matches, paged without searching again."""

    def __init__(self, ids, prepare=None):
        self.ids = ids
        self.prepare = prepare

    def __len__(self):
        return len(self.ids)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        return _releases_in_order(self.ids[index], self.prepare)


class NewestOfPublishers:
    """The releases of a filter on publishers, newest first, fetched a slice at a time with
    what a card shows.

    Such a release has one of them as main publisher or as co-publisher. Taken as one set
    (`pk IN (… UNION …)`), PostgreSQL reads every release of the publisher before it keeps the
    newest twenty (slow for a publisher with thousands: bench/README.md). Here each half
    is read newest first and cut at the end of the slice (the main publishers' half along the
    `(publisher, -published_at)` index), and the two are merged. On PostgreSQL the count of
    the main half reads the index of migration 0014 alone (bench/README.md, session 13)."""

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


def _releases_in_order(ids, prepare=None):
    # Put in the order of `ids` here: the manager's order by path would only cost a sort.
    releases = card_fields(PressReleasePage.objects.filter(pk__in=ids).order_by())
    if prepare is not None:
        releases = prepare(releases)
    releases = list(releases)
    attach_card_relations(releases)
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

    queryset = not_withdrawn(public_pages(Page)).filter(
        content_type=ContentType.objects.get_for_model(PressReleasePage)
    )
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset.count()
