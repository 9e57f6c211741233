"""The releases a batch may send, and which of them each subscriber wants (the matcher)."""

import time
from collections import defaultdict

from django.db.models import Q

from core.emails import absolute
from releases.query import live_releases

from . import emails
from .models import Frequency


def _candidates(since, page_ids=()):
    queryset = live_releases()
    if page_ids:
        return queryset.filter(Q(first_published_at__gte=since) | Q(pk__in=list(page_ids)))
    return queryset.filter(first_published_at__gte=since)


def release_versions(since, page_ids=()):
    """Live release versions that went live at or after `since`, plus the live ones among
    `page_ids`, with what matching and rendering need. One query per relation."""
    return list(
        _candidates(since, page_ids)
        .select_related("publisher", "locale")
        .prefetch_related("co_publishers", "themes")
        .order_by("-published_at", "pk")
    )


# The catalogue of the last batch this process ran, reused by the next one when the same
# versions are live (same pages, publication times and paths): the batches of a round all
# have the same candidates, and loading the pages with their relations is a good part of a
# batch. Checked with one light query per batch, so a release unpublished or republished
# between two batches is seen at once; kept at most CATALOGUE_TTL seconds, which bounds how
# long a renamed publisher keeps its old name in the emails.
CATALOGUE_TTL = 300
_last_catalogue = {}


def forget_last_catalogue():
    """The next batch loads its catalogue (a test database rolled back may reuse page ids)."""
    _last_catalogue.clear()


def digest_catalogue(since, page_ids=()):
    versions = frozenset(
        _candidates(since, page_ids).values_list(
            "pk", "first_published_at", "last_published_at", "url_path"
        )
    )
    now = time.monotonic()
    cached = _last_catalogue.get("value")
    if cached and cached[0] == versions and now - cached[1] < CATALOGUE_TTL:
        return cached[2]
    catalogue = Catalogue(release_versions(since, page_ids))
    if set(catalogue.pages) != {row[0] for row in versions}:
        return catalogue  # changed between the two queries: not kept
    _last_catalogue["value"] = (versions, now, catalogue)
    return catalogue


def page_url(page):
    url = page.get_url() or ""
    return absolute(url) if url.startswith("/") else url


class Catalogue:
    """The candidate release versions of a batch, indexed by language, publisher (main and
    co-publishers) and theme, so that matching a subscriber costs what they match, not the
    number of releases."""

    def __init__(self, pages):
        self.pages = {page.pk: page for page in pages}
        self.by_language = defaultdict(set)
        self.by_publisher = defaultdict(set)
        self.by_theme = defaultdict(set)
        for page in pages:
            self.by_language[page.locale.language_code].add(page.pk)
            self.by_publisher[page.publisher_id].add(page.pk)
            for co_publisher in page.co_publishers.all():
                self.by_publisher[co_publisher.pk].add(page.pk)
            for theme in page.themes.all():
                self.by_theme[theme.pk].add(page.pk)
        self._entries = {}
        # In a digest round: immediate-alert subscribers only get what went live before
        # this moment and has no delivery yet, i.e. alerts that never went out.
        self.alerts_before = None

    def matching(self, subscriber):
        """Ids of the versions matching the subscriber's choices and languages, that went
        live after they confirmed."""
        in_languages = set()
        for language in subscriber.content_languages:
            in_languages |= self.by_language.get(language, set())
        if not subscriber.everything:
            chosen = set()
            for publisher_id in subscriber.publisher_ids:
                chosen |= self.by_publisher.get(publisher_id, set())
            for theme_id in subscriber.theme_ids:
                chosen |= self.by_theme.get(theme_id, set())
            in_languages &= chosen
        latest = None
        if self.alerts_before and subscriber.frequency == Frequency.IMMEDIATE:
            latest = self.alerts_before
        return {
            pk
            for pk in in_languages
            if self.pages[pk].first_published_at >= subscriber.confirmed_at
            and (latest is None or self.pages[pk].first_published_at < latest)
        }

    def entry(self, page_id):
        entry = self._entries.get(page_id)
        if entry is None:
            page = self.pages[page_id]
            entry = self._entries[page_id] = emails.ReleaseEntry(
                page_id=page.pk,
                version=str(page.last_published_at),
                title=page.title,
                lead=page.lead,
                url=page_url(page),
                published_at=page.published_at,
                language=page.locale.language_code,
                publishers=[page.publisher, *page.co_publishers.all()],
            )
        return entry
