from django import template
from django.utils.translation import get_language_info

from directory.vcard import compact_phone

register = template.Library()


@register.filter
def tel_href(number):
    """The href of a tel: link for a phone number as typed."""
    return f"tel:{compact_phone(number)}"


@register.filter
def language_names(codes):
    """Language codes as names in the interface language ("fr" -> "French" in English)."""
    names = []
    for code in codes:
        try:
            names.append(get_language_info(code)["name_translated"])
        except KeyError:
            names.append(code)
    return names
