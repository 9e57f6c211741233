"""RSS 2.0 and Atom feeds: one for every filter combination of the news listing and one per
publisher. Items come from ReleaseQuery, so a feed never carries what is not live."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.models import Locale

from core.front_cache import news_tag, tag_response
from directory.models import Publisher

from .forms import ReleaseFilterForm
from .query import ReleaseQuery

# Feed readers poll often: the newest items are what they need.
FEED_MAX_ITEMS = getattr(settings, "FEED_MAX_ITEMS", 50)


@dataclass
class FeedSource:
    title: str
    description: str
    link: str
    feed_url: str
    locale: Locale
    query: ReleaseQuery


def _with_query(url, querystring):
    return f"{url}?{querystring}" if querystring else url


class ReleaseFeed(Feed):
    """What every release feed shares; subclasses say which releases via get_object().
    Make one instance per request: it keeps the request and the feed's language."""

    feed_type = Rss201rev2Feed
    item_guid_is_permalink = False

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def source(self, title, description, link, feed_url, locale, query):
        self.language = locale.language_code
        site = settings.WAGTAIL_SITE_NAME
        return FeedSource(f"{title} – {site}", description, link, feed_url, locale, query)

    def title(self, obj):
        return obj.title

    def description(self, obj):
        return obj.description

    def subtitle(self, obj):
        # Atom's name for the description.
        return obj.description

    def link(self, obj):
        return obj.link

    def feed_url(self, obj):
        return obj.feed_url

    def items(self, obj):
        tag_response(self.request, news_tag(obj.locale.language_code))
        # Feeds are chronological even when they carry a search.
        return list(obj.query.results(locale=obj.locale, relevance=False)[:FEED_MAX_ITEMS])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # RSS descriptions and Atom summaries are HTML: the lead is plain text.
        return escape(item.lead)

    def item_link(self, item):
        return item.get_full_url(request=self.request)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.published_at

    def item_author_name(self, item):
        publishers = (item.publisher, *item.card_co_publishers)
        return ", ".join(str(publisher) for publisher in publishers)

    def item_categories(self, item):
        return [theme.name for theme in item.card_themes]

    def item_guid(self, item):
        # A tag URI (RFC 4151): stable when the title or slug changes, unique per page.
        host = self.request.get_host().split(":")[0]
        first = item.first_published_at or item.published_at
        return f"tag:{host},{first:%Y-%m-%d}:release/{item.pk}"


class ListingRssFeed(ReleaseFeed):
    """The news listing of `index_page` with the filters of the query string."""

    def get_object(self, request, index_page):
        form = ReleaseFilterForm(request.GET)
        if form.ignored:
            # A reader cannot show "this filter was ignored": a feed for filters that cannot
            # be applied does not exist.
            raise Http404("; ".join(form.ignored))
        querystring = form.querystring()
        filters = [entry["text"] for entry in form.active_filters()]
        title = index_page.title
        if filters:
            title = f"{title} ({'; '.join(filters)})"
            description = gettext("Press releases matching: %(filters)s") % {
                "filters": "; ".join(filters)
            }
        else:
            description = gettext("All press releases of the federal government.")
        return self.source(
            title,
            description,
            _with_query(index_page.get_url(request=request), querystring),
            _with_query(request.path, querystring),
            index_page.locale,
            form.release_query,
        )


class ListingAtomFeed(ListingRssFeed):
    feed_type = Atom1Feed


class PublisherRssFeed(ReleaseFeed):
    """The releases of one publisher (main or co-publisher) in the active language."""

    def get_object(self, request, slug):
        publisher = get_object_or_404(Publisher, slug=slug)
        return self.source(
            str(publisher),
            gettext("Press releases of %(publisher)s.") % {"publisher": publisher},
            reverse("releases:publisher", args=[publisher.slug]),
            request.path,
            Locale.get_active(),
            ReleaseQuery(publishers=(publisher,)),
        )


class PublisherAtomFeed(PublisherRssFeed):
    feed_type = Atom1Feed


def publisher_rss(request, slug):
    return PublisherRssFeed()(request, slug=slug)


def publisher_atom(request, slug):
    return PublisherAtomFeed()(request, slug=slug)
