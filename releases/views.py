from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language_info, gettext
from wagtail.models import Locale

from core.front_cache import cache_publicly, news_tag, tag_response
from core.navigation import navigation, section_page
from directory.models import Publisher

from . import search
from .forms import THEME, TYPE, ReleaseFilterForm, publisher_choices, quoted_value
from .models.snippets import Theme
from .query import OTHER_LANGUAGES_LIMIT, ReleaseQuery


def _page_url(querystring, number):
    """A page's link relative to the list: page 1 has no `page` parameter."""
    params = [querystring] if querystring else []
    if number > 1:
        params.append(f"page={number}")
    return "?" + "&".join(params) if params else "?"


class CountedPaginator(Paginator):
    """A paginator told its count, when the caller knows a cheaper query than COUNT(*) over
    the list's own query."""

    def __init__(self, object_list, per_page, count=None):
        super().__init__(object_list, per_page)
        if count is not None:
            self.count = count  # replaces the cached_property on this instance


def paginate(request, items, querystring="", count=None):
    """The requested page of `items` and what was ignored in the `page` parameter. A page
    number that is not a number shows the first page with a message; a number beyond the
    last page (or below 1) is a page that does not exist: 404. `querystring` holds the
    list's other parameters for the page links."""
    ignored = []
    raw = request.GET.get("page", "").strip()
    number = 1
    if raw:
        try:
            number = int(raw)
        except ValueError:
            if raw.lstrip("+-").isdigit():
                # Digits too many for int(): a page far beyond any list.
                raise Http404(gettext("This list has no such page.")) from None
            ignored.append(
                gettext("“%(value)s” is not a page number: the first page is shown.")
                % {"value": quoted_value(raw)}
            )
    paginator = CountedPaginator(items, settings.RELEASES_PER_PAGE, count)
    try:
        page_obj = paginator.page(number)
    except EmptyPage:
        raise Http404(gettext("This list has no such page.")) from None
    # Evaluated once here: templates test and loop over it, search results included.
    page_obj.object_list = list(page_obj.object_list)
    page_obj.links = [
        {"number": n, "url": None}
        if n == paginator.ELLIPSIS
        else {"number": n, "url": _page_url(querystring, n), "current": n == page_obj.number}
        for n in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    ]
    page_obj.previous_url = (
        _page_url(querystring, page_obj.number - 1) if page_obj.has_previous() else None
    )
    page_obj.next_url = _page_url(querystring, page_obj.number + 1) if page_obj.has_next() else None
    return page_obj, ignored


def listing_feed_urls(index_page, request, querystring=""):
    """The RSS and Atom URLs of the listing of `index_page` filtered by `querystring`."""
    base = index_page.get_url(request=request)
    suffix = f"?{querystring}" if querystring else ""
    return {
        "rss": f"{base}{index_page.reverse_subpage('rss_feed')}{suffix}",
        "atom": f"{base}{index_page.reverse_subpage('atom_feed')}{suffix}",
    }


def publisher_feed_urls(publisher):
    return {
        "rss": reverse("releases:publisher_rss", args=[publisher.slug]),
        "atom": reverse("releases:publisher_atom", args=[publisher.slug]),
    }


def news_listing(request, index_page):
    """All news of the page's language, filtered and searched from the query string."""
    tag_response(request, news_tag(index_page.locale.language_code))
    form = ReleaseFilterForm(request.GET)
    query = form.release_query
    querystring = form.querystring()
    found = None
    if query.text and search.available():
        found = query.search(index_page.locale_id)
        results, count = found.items, found.count
    else:
        results, count = query.listing(locale=index_page.locale_id)
    count_is_capped = bool(query.text) and count > settings.SEARCH_MAX_RESULTS
    if count_is_capped:
        count = settings.SEARCH_MAX_RESULTS
    page_obj, page_ignored = paginate(request, results, querystring, count=count)
    context = {
        "releases": page_obj.object_list,
        "page_obj": page_obj,
        "result_count": count,
        "count_is_capped": count_is_capped,
        "by_relevance": query.relevance,
        "other_order_querystring": form.other_order_querystring() if query.text else "",
        "filter_form": form.display_form(),
        "active_filters": form.active_filters(),
        "ignored": form.ignored + page_ignored,
        "querystring": querystring,
        "is_filtered": query.is_filtered,
        "is_search": bool(query.text),
        "feeds": listing_feed_urls(index_page, request, querystring),
    }
    if found is not None:
        context.update(search_context(request, form, found))
    return index_page.render(request, context_overrides=context)


def search_context(request, form, found):
    """What a search adds to the listing (PostgreSQL): facets, its count in the other
    languages with a link to each, and "did you mean" when nothing matched."""
    other_languages = []
    for language, count in found.other_languages():
        url = navigation(request, language)["news"]
        if url:
            other_languages.append(
                {
                    "language": language,
                    "name": get_language_info(language)["name_translated"],
                    "count": min(count, OTHER_LANGUAGES_LIMIT),
                    "capped": count > OTHER_LANGUAGES_LIMIT,
                    "url": f"{url}?{form.querystring()}",
                }
            )
    suggestion = found.suggestion()
    return {
        "facet_groups": form.facet_groups(found.facets()) if found.count else [],
        "facets_capped": found.count > settings.SEARCH_MAX_RESULTS,
        "other_languages": other_languages,
        "suggestion": {"text": suggestion, "query": form.with_text(suggestion)}
        if suggestion
        else None,
    }


@cache_publicly()
def publisher_page(request, slug):
    """A publisher's source page: who they are, their press contacts, their latest releases
    and feeds. Former government members and dissolved institutions keep theirs."""
    publisher = get_object_or_404(Publisher, slug=slug)
    locale = Locale.get_active()
    tag_response(request, news_tag(locale.language_code))
    releases = ReleaseQuery(publishers=(publisher,)).results(locale=locale)
    page_obj, ignored = paginate(request, releases)
    contacts = publisher.contacts.filter(is_active=True).order_by("sort_order", "pk")
    return render(
        request,
        "releases/publisher_page.html",
        {
            "publisher": publisher,
            "contacts": contacts,
            "releases": page_obj.object_list,
            "page_obj": page_obj,
            "result_count": page_obj.paginator.count,
            "ignored": ignored,
            "feeds": publisher_feed_urls(publisher),
        },
    )


@cache_publicly()
def feeds_page(request):
    """Every feed the site offers: all news, the Council, each publisher and each theme."""
    index_page = section_page("news")
    if index_page is None:
        raise Http404(gettext("There is no news listing in this language."))

    def feed(label, querystring="", urls=None):
        return {"label": label, **(urls or listing_feed_urls(index_page, request, querystring))}

    publishers = list(Publisher.objects.all())
    by_slug = {publisher.slug: publisher for publisher in publishers}
    publisher_groups = [
        {
            "label": group_label,
            "feeds": [
                feed(label, urls=publisher_feed_urls(by_slug[slug])) for slug, label in members
            ],
        }
        for group_label, members in publisher_choices(publishers)
    ]
    themes = [feed(theme.name, f"{THEME}={theme.slug}") for theme in Theme.objects.all()]
    return render(
        request,
        "releases/feeds.html",
        {
            "index_page": index_page,
            "all_feed": feed(gettext("All news")),
            "council_feed": feed(
                gettext("Council of Ministers"), f"{TYPE}={Publisher.Kind.COUNCIL}"
            ),
            "publisher_groups": publisher_groups,
            "theme_feeds": themes,
            "feeds": listing_feed_urls(index_page, request),
        },
    )
