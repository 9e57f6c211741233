"""What the home page of each language shows from releases: the latest releases, the latest
Council meeting with its decisions, and the doors into the site (other apps add theirs). Added
to core's HomePage context through its hook (see wagtail_hooks.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.front_cache import news_tag, tag_response
from core.navigation import navigation

from .cards import with_card_relations
from .models import CouncilMeetingPage
from .query import NEWEST_FIRST, live_releases

LATEST_COUNT = 10


def latest_releases(home):
    releases = live_releases(locale=home.locale_id).order_by(*NEWEST_FIRST)
    return with_card_relations(releases)[:LATEST_COUNT]


def latest_meeting(home):
    meetings = CouncilMeetingPage.objects.public_live().filter(locale_id=home.locale_id)
    return meetings.order_by("-meeting_date", "-id").first()


def entry_points(news_url, council_url):
    """The doors into the site; a section that does not exist (yet) is left out."""
    points = [
        (
            news_url,
            _("All news"),
            _("Every press release, newest first, with filters and search."),
        ),
        (
            council_url,
            _("Council of Ministers"),
            _("The meetings of the Council of Ministers and their decisions."),
        ),
        (
            reverse("directory:contact_points"),
            _("Press contacts"),
            _("Spokespersons and press officers of every publisher."),
        ),
        (
            reverse("releases:feeds"),
            _("RSS and Atom feeds"),
            _("Follow all news or one publisher in your feed reader."),
        ),
    ]
    return [entry_point(url, title, description) for url, title, description in points if url]


def entry_point(url, title, description):
    """One door of the home page; apps above releases add theirs with a later
    `construct_home_page_context` hook."""
    return {"url": url, "title": title, "description": description}


def home_page_context(home, request, context):
    # The section links of the header, from the cache: the sections of this home.
    links = navigation(request, home.locale.language_code)
    tag_response(request, news_tag(home.locale.language_code))
    meeting = latest_meeting(home)
    context.update(
        {
            "latest_releases": latest_releases(home),
            "latest_meeting": meeting,
            "latest_decisions": with_card_relations(meeting.decisions())[:] if meeting else [],
            "news_url": links["news"],
            "council_url": links["council"],
            "entry_points": entry_points(links["news"], links["council"]),
        }
    )
