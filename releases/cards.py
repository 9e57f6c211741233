"""What a release card shows (title, date, publishers, themes, lead), loaded for a whole list
in a fixed number of queries, and the publishers and themes the filters offer.

Publishers and themes are a few dozen rows that change a few times a year, yet every card names
them and every listing offers them all in its filter form. They are read from the cache (dropped
whenever one is saved or deleted, see signals.py); a list only asks the database which of them
its releases link to. Django's prefetching did the same in two joins and built a queryset per
release and relation (bench/README.md has the figures)."""

import time
from collections import defaultdict

from django.contrib.postgres.fields import ArrayField
from django.core.cache import cache
from django.db import connection
from django.db.models import BigIntegerField

from directory.models import Publisher

from . import search
from .models.press_release import PressReleasePage
from .models.snippets import Theme

# Without a shared cache (no REDIS_URL) each process keeps its own copy: the timeout bounds how
# long another process can show a renamed publisher or theme under its old name.
TIMEOUT = 300
PUBLISHERS_KEY = "releases:publishers"
THEMES_KEY = "releases:themes"


def all_publishers():
    """Every publisher, in their order (current and former alike: the archive names both)."""
    return _cached(PUBLISHERS_KEY, Publisher.objects.all)


def all_themes():
    return _cached(THEMES_KEY, Theme.objects.all)


def forget_publishers_and_themes():
    cache.delete_many([PUBLISHERS_KEY, THEMES_KEY, *map(_stamp_key, (PUBLISHERS_KEY, THEMES_KEY))])


# {key: (stamp, items)}: the lists as this process last read them from the cache.
_held = {}


def _cached(key, queryset):
    """The list of `key`, from the cache (filled from `queryset` when missing) as a tuple.

    A page asks for the lists several times; unpickling a few dozen model instances each time
    cost more than the rest of the look-up, so this process keeps the lists it read under the
    stamp (a number) that the cache holds beside them: a call reads the stamp, and the list
    again only when another process has dropped and refilled it."""
    stamp = cache.get(_stamp_key(key))
    held = _held.get(key)
    if stamp is not None and held is not None and held[0] == stamp:
        return held[1]
    items = cache.get(key) if stamp is not None else None
    if items is None:
        items, stamp = tuple(queryset()), time.time_ns()
        cache.set_many({key: items, _stamp_key(key): stamp}, TIMEOUT)
    _held[key] = (stamp, items)
    return items


def _stamp_key(key):
    return f"{key}:stamp"


# The page columns a card shows (besides what card_fields and attach_card_relations add). A
# search's results are shown as cards only, and load just these: a release page row has three
# dozen columns, and a page of twenty spent more time converting them than rendering its dates.
CARD_PAGE_FIELDS = ("title", "url_path", "locale", "published_at", "publisher", "lead")


def card_fields(releases):
    """`releases` (a queryset of PressReleasePage) with their locale and without the body and
    links a card does not show; on PostgreSQL with the ids of their themes and co-publishers
    too, so that a page of cards is one query rather than three."""
    releases = releases.select_related("locale").defer("body", "related_links")
    if connection.vendor != "postgresql":
        return releases
    ids = ArrayField(BigIntegerField())
    return releases.annotate(
        card_theme_ids=search.column("theme_ids", ids),
        card_co_publisher_ids=search.column("co_publisher_ids", ids),
    )


class ReleaseCards:
    """Releases in their final order (a queryset, or a search backend's results) read a slice
    at a time with what a card shows: `publisher`, `card_co_publishers` and `card_themes`
    (lists, in their display order): on PostgreSQL in the slice's own query (card_fields),
    elsewhere two small queries more, whatever its length. It answers what a paginator, a
    template or a feed asks of a list."""

    def __init__(self, releases):
        self.releases = releases

    def count(self):
        return self.releases.count()

    def __len__(self):
        # list() asks for it first (a COUNT query): read a whole list as `cards[:]` instead.
        return self.count()

    def __bool__(self):
        return bool(self[:1])

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        releases = list(self.releases[index])
        attach_card_relations(releases)
        return releases


def with_card_relations(releases):
    """The releases of a queryset, in its order, as cards (see ReleaseCards): order and filter
    it first."""
    return ReleaseCards(card_fields(releases))


def attach_card_relations(releases):
    if not releases:
        return
    if all(hasattr(release, "card_theme_ids") for release in releases):
        theme_links = {release.pk: release.card_theme_ids for release in releases}
        co_publisher_links = {release.pk: release.card_co_publisher_ids for release in releases}
    else:
        ids = [release.pk for release in releases]
        theme_links = _links(PressReleasePage.themes.through, "theme_id", ids)
        co_publisher_links = _links(PressReleasePage.co_publishers.through, "publisher_id", ids)
    publishers = _by_id(
        all_publishers(),
        Publisher,
        {release.publisher_id for release in releases}.union(*co_publisher_links.values()),
    )
    themes = _by_id(all_themes(), Theme, set().union(*theme_links.values()))
    for release in releases:
        release.publisher = publishers[release.publisher_id][1]
        release.card_co_publishers = _in_order(co_publisher_links[release.pk], publishers)
        release.card_themes = _in_order(theme_links[release.pk], themes)


def _links(through, target, ids):
    links = defaultdict(list)
    rows = through.objects.filter(pressreleasepage_id__in=ids).values_list(
        "pressreleasepage_id", target
    )
    for release_id, target_id in rows:
        links[release_id].append(target_id)
    return links


def _by_id(cached, model, wanted):
    """`{pk: (position, object)}` for the `wanted` ids; one created since the cache was filled
    is read from the database and goes last."""
    found = {item.pk: (position, item) for position, item in enumerate(cached)}
    missing = wanted - found.keys()
    if missing:
        for item in model.objects.filter(pk__in=missing):
            found[item.pk] = (len(found), item)
    return found


def _in_order(ids, objects):
    return [item for _position, item in sorted(objects[pk] for pk in ids if pk in objects)]
