"""Template tags shared by every app (loaded as builtins)."""

import datetime
import functools
import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import formats, timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page

from ..image_rights import credit_info
from ..navigation import live_version_urls, navigation
from ..request_cache import request_cache

register = template.Library()

LANGUAGE_NAMES = dict(settings.LANGUAGES)

# The characters that could end a <script> element or open a comment, escaped as JSON allows.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def page_translation_list(page, request=None):
    """The live, public versions of `page` (itself included when live), in the order of
    settings.LANGUAGES: dicts with code, name, url and full_url. One query per page and request:
    the switcher, the hreflang alternates and the "also available in" list share it."""
    if not isinstance(page, Page) or not page.pk:
        return []
    cache = request_cache(request, "_newsportal_translations")
    if page.pk in cache:
        return cache[page.pk]
    if request is not None and hasattr(page, "translation_urls"):
        # Pages that every visitor passes through know theirs without a query.
        found = page.translation_urls(request)
    else:
        found = live_version_urls(page.translation_key, request)
    result = []
    for code, name in settings.LANGUAGES:
        if code in found:
            url = found[code]
            full_url = request.build_absolute_uri(url) if request is not None else url
            result.append({"code": code, "name": name, "url": url, "full_url": full_url})
    cache[page.pk] = result
    return result


@register.simple_tag(takes_context=True)
def page_translations(context, page=None, exclude_current=False):
    """`{% page_translations page as versions %}`: see page_translation_list."""
    page = page if page is not None else context.get("page")
    versions = page_translation_list(page, context.get("request"))
    if exclude_current:
        current = getattr(getattr(page, "locale", None), "language_code", None)
        versions = [version for version in versions if version["code"] != current]
    return versions


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: the translation of this page when there is one, otherwise that
    language's home page; outside pages, the same URL in the other language; on error pages,
    the home pages (the same wrong URL in another language would fail just the same)."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translations = {
        version["code"]: version["url"] for version in page_translation_list(page, request)
    }
    homes = navigation(request)["homes"] if request is not None else {}
    is_page = isinstance(page, Page)
    links = []
    for code, name in settings.LANGUAGES:
        exact = code in translations
        if exact:
            url = translations[code]
        elif not is_page and not context.get("error_page") and request is not None:
            url = translate_url(request.get_full_path(), code)
            exact = url != request.get_full_path() or code == current
        else:
            url = homes.get(code, f"/{code}/")
        links.append(
            {"code": code, "name": name, "url": url, "is_current": code == current, "exact": exact}
        )
    return links


@register.simple_tag(takes_context=True)
def section_url(context, section):
    """URL of a section of the header (`news`, `council`) in the active language."""
    return navigation(context.get("request"))[section]


@register.simple_tag(takes_context=True)
def content_pages(context):
    """The live content pages (accessibility, privacy, terms) of the active language, for
    the footer: dicts with title and url."""
    return navigation(context.get("request"))["content_pages"]


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    if request is None or not url:
        return url
    return request.build_absolute_uri(url)


@register.simple_tag
def time_element(value, format_name="DATETIME_FORMAT", css_class=""):
    """`<time datetime="…">` for a datetime or a date, its text in `format_name` of the active
    language and time zone (what `|date:'c'` and `|date:format_name` give). A list of releases
    shows two per card, and Django's date formatting costs more than the rest of a card's
    text: the element is kept per value, format, language and time zone."""
    if not value:
        return ""
    return _time_element(
        value,
        format_name,
        css_class,
        translation.get_language(),
        timezone.get_current_timezone_name(),
    )


@functools.lru_cache(maxsize=4096)
def _time_element(value, format_name, css_class, _language, _time_zone):
    # The key's language and time zone are the active ones, which these calls use.
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return format_html(
        '<time{} datetime="{}">{}</time>',
        format_html(' class="{}"', css_class) if css_class else "",
        value.isoformat(),
        formats.date_format(value, format_name),
    )


@register.filter
def json_ld(value):
    """A value as JSON that is safe inside <script type="application/ld+json">."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))


@register.filter
def language_name(code):
    return LANGUAGE_NAMES.get(code, code)


@register.filter
def is_current_section(path, url):
    """True when `path` is `url` or below it (for aria-current in the main menu)."""
    if not path or not url:
        return False
    return path == url or (url.endswith("/") and path.startswith(url))


@register.filter
def x_default_url(versions):
    """The version for readers whose language is none of ours: the site's default language,
    else the first one there is."""
    for version in versions:
        if version["code"] == settings.LANGUAGE_CODE:
            return version["full_url"]
    return versions[0]["full_url"] if versions else ""


@register.filter
def image_credit(image, credit=""):
    """`{{ image|image_credit:block_credit }}`: the credit and licence of `image` as every
    template shows them (templates/core/image_credit.html), the block's own credit first, then
    the image's (core.image_rights); "" when there is neither. No query when the image was
    loaded with its rights (core.image_blocks, `with_rights`)."""
    context = credit_info(image, credit)
    if not context["credit"] and not context["licence"]:
        return ""
    return mark_safe(render_to_string("core/image_credit.html", context))  # noqa: S308 (template)
