"""Template tags shared by every app (loaded as builtins)."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

register = template.Library()


def _home_urls(request):
    """The home page URL of each language, cached on the request."""
    cached = getattr(request, "_newsportal_home_urls", None)
    if cached is not None:
        return cached
    urls = {}
    site = Site.find_for_request(request)
    if site is not None:
        root = site.root_page
        for home in Page.objects.filter(translation_key=root.translation_key).live().select_related(
            "locale"
        ):
            urls[home.locale.language_code] = home.get_url(request=request)
    request._newsportal_home_urls = urls
    return urls


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: the translation of this page when there is one, otherwise that
    language's home page; outside pages, the same URL in the other language."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translations = {}
    if isinstance(page, Page) and page.pk:
        for other in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[other.locale.language_code] = other.get_url(request=request)
    homes = _home_urls(request) if request is not None else {}
    links = []
    for code, name in settings.LANGUAGES:
        exact = code in translations
        if exact:
            url = translations[code]
        elif page is None and request is not None:
            url = translate_url(request.get_full_path(), code)
            exact = url != request.get_full_path() or code == current
        else:
            url = homes.get(code, f"/{code}/")
        links.append(
            {"code": code, "name": name, "url": url, "is_current": code == current, "exact": exact}
        )
    return links


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    if request is None or not url:
        return url
    return request.build_absolute_uri(url)
