from django import template

from ..views import section_page

register = template.Library()


@register.simple_tag(takes_context=True)
def section_url(context, section):
    """URL of the news listing or the Council section in the active language."""
    request = context.get("request")
    cache = getattr(request, "_section_urls", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._section_urls = cache
    if section not in cache:
        page = section_page(section)
        cache[section] = page.get_url(request=request) if page else ""
    return cache[section]
