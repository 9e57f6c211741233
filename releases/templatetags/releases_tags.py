from django import template
from django.utils import translation

from newsportal.request_cache import request_cache

from ..views import section_page

register = template.Library()


@register.simple_tag(takes_context=True)
def section_url(context, section):
    """URL of the news listing or the Council section in the active language."""
    cache = request_cache(context.get("request"), "_section_urls")
    if section not in cache:
        page = section_page(section)
        cache[section] = page.get_url(request=context.get("request")) if page else ""
    return cache[section]


@register.simple_tag(takes_context=True)
def content_pages(context):
    """The live content pages (accessibility, privacy, terms) of the active language, for
    the footer: dicts with title and url."""
    from ..models import ContentPage
    from ..query import live_pages

    cache = request_cache(context.get("request"), "_content_pages")
    language = translation.get_language()
    if language not in cache:
        pages = live_pages(ContentPage).filter(locale__language_code=language)
        cache[language] = [
            {"title": page.title, "url": page.get_url(request=context.get("request"))}
            for page in pages.order_by("path").only("id", "title", "url_path")
        ]
    return cache[language]


@register.filter
def file_size(obj):
    """The size in bytes of a document or an image, measured once when the upload did not
    record it; None when the file is missing."""
    if obj is None:
        return None
    return obj.file_size if obj.file_size is not None else obj.get_file_size()


@register.filter
def file_type(obj):
    """The file type of a document or an image as readers know it: PDF, DOCX, JPG..."""
    name = getattr(getattr(obj, "file", None), "name", "") or ""
    _stem, dot, extension = name.rpartition(".")
    return extension.upper() if dot else ""
