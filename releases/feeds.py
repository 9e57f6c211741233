"""RSS 2.0 and Atom feeds: one for every filter combination of the news listing and one per
publisher. Items come from ReleaseQuery, so a feed never carries what is not live.

Each item carries the lead and the release's main image (an enclosure); with `?full=1` the
feed also carries the full text (RSS `content:encoded`, Atom `content`), for readers that show
whole articles."""

import html
import mimetypes
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext
from wagtail.images import get_image_model
from wagtail.models import Locale

from core.front_cache import news_tag, tag_response
from directory.models import Publisher

from .forms import ReleaseFilterForm
from .models import PressReleasePage
from .query import ReleaseQuery

# Feed readers poll often: the newest items are what they need.
FEED_MAX_ITEMS = getattr(settings, "FEED_MAX_ITEMS", 50)
# The main image of an item, as wide as social networks show a shared article's picture.
ENCLOSURE_FILTER = "width-1200"
FULL_TEXT_PARAMETER = "full"
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
_ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')


class HubLink:
    """WebSub: with WEBSUB_HUB_URL set, a feed names its hub, where aggregators subscribe to
    hear of new items as they are published (the API app pings it on publication)."""

    hub_element = "link"

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        hub = getattr(settings, "WEBSUB_HUB_URL", "")
        if hub:
            handler.addQuickElement(self.hub_element, None, {"rel": "hub", "href": hub})


class FullTextRssFeed(HubLink, Rss201rev2Feed):
    """RSS 2.0 with the full text of an item in `content:encoded` when it has one."""

    # RSS carries Atom's link element (the feed's own `self` is one too).
    hub_element = "atom:link"

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class FullTextAtomFeed(HubLink, Atom1Feed):
    """Atom with the full text of an entry in `content` when it has one."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


def _first_image_id(body):
    """The image id of the first image block, read from the stored data: no image query per
    release."""
    for block in body.raw_data:
        if block.get("type") == "image":
            image = (block.get("value") or {}).get("image")
            image_id = image.get("image") if isinstance(image, dict) else image
            if image_id:
                return image_id
    return None


def absolute_body_html(release, request):
    """The body of `release` as its page renders it, every address absolute: feed readers and
    API clients resolve addresses against the feed or the API, not the page."""
    body = release.body.render_as_block(context={"request": request, "page": release})
    root = request.build_absolute_uri("/")
    return _ROOT_RELATIVE.sub(rf"\1{root}", str(body))


def attach_feed_media(items, full_text=False):
    """Gives each release of a feed `feed_image` (the rendition of its main image, or None)
    and, for a full-text feed, its body: two queries for the whole feed, whatever its length
    (cards leave the body out)."""
    bodies = dict(
        PressReleasePage.objects.filter(pk__in=[item.pk for item in items]).values_list(
            "pk", "body"
        )
    )
    image_ids = {pk: _first_image_id(body) for pk, body in bodies.items()}
    images = get_image_model().objects.filter(pk__in=set(image_ids.values()) - {None})
    images = {image.pk: image for image in images.prefetch_renditions(ENCLOSURE_FILTER)}
    for item in items:
        image = images.get(image_ids.get(item.pk))
        item.feed_image = image.get_rendition(ENCLOSURE_FILTER) if image else None
        if full_text and item.pk in bodies:
            item.body = bodies[item.pk]


def update_label(note):
    """ "Updated on <date>: <note>", in the active language."""
    date = formats.date_format(timezone.localtime(note.noted_at), "DATE_FORMAT")
    return gettext("Updated on %(date)s: %(note)s") % {"date": date, "note": note.note}


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

    feed_type = FullTextRssFeed
    item_guid_is_permalink = False

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.full_text = request.GET.get(FULL_TEXT_PARAMETER) == "1"
        return super().__call__(request, *args, **kwargs)

    def self_url(self, url):
        """The feed's own address, keeping the full-text choice."""
        if not self.full_text:
            return url
        return f"{url}{'&' if '?' in url else '?'}{FULL_TEXT_PARAMETER}=1"

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
        return self.self_url(obj.feed_url)

    def items(self, obj):
        tag_response(self.request, news_tag(obj.locale.language_code))
        # Feeds are chronological even when they carry a search.
        items = list(obj.query.results(locale=obj.locale, relevance=False)[:FEED_MAX_ITEMS])
        attach_feed_media(items, full_text=self.full_text)
        prefetch_related_objects(items, "update_notes")
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # RSS descriptions and Atom summaries are HTML and the lead is plain text: only what
        # HTML needs is escaped (quotes too showed as "&#x27;" in readers that show text).
        lead = html.escape(item.lead, quote=False)
        notes = item.notes_newest_first()
        if not notes:
            return lead
        # The latest correction leads the item rather than being an item of its own: readers
        # key items by guid, so a second item would read as a new release, and readers that
        # refresh a changed item show the note first.
        return f"<p>{html.escape(update_label(notes[0]), quote=False)}</p>\n{lead}"

    def item_enclosures(self, item):
        rendition = item.feed_image
        if rendition is None:
            return []
        url = self.request.build_absolute_uri(rendition.url)
        mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
        return [Enclosure(url, str(_file_size(rendition)), mime_type)]

    def item_extra_kwargs(self, item):
        if not self.full_text:
            return {}
        return {"content_html": absolute_body_html(item, self.request)}

    def item_link(self, item):
        return item.get_full_url(request=self.request)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        dates = [item.last_published_at or item.published_at, item.updated_at]
        return max(date for date in dates if date)

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
    feed_type = FullTextAtomFeed


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
    feed_type = FullTextAtomFeed


def publisher_rss(request, slug):
    return PublisherRssFeed()(request, slug=slug)


def publisher_atom(request, slug):
    return PublisherAtomFeed()(request, slug=slug)


def _file_size(rendition):
    """The rendition's size in bytes, which RSS asks of an enclosure; 0 ("unknown") when the
    storage cannot say."""
    try:
        return rendition.file.size
    except OSError:
        return 0
