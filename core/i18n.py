"""Fields stored once per language (`name_fr`, `name_nl`, ...) read in the active language."""

import functools

from django.conf import settings
from django.utils import translation


def language_order(language=None):
    """The active language first, then the site default, then the others."""
    active = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return _language_order(active, settings.LANGUAGE_CODE, _codes(settings.LANGUAGES))


# (settings.LANGUAGES, its codes): the codes worked out again only when the setting changes.
_codes_of = (None, ())


def _codes(languages):
    global _codes_of
    if _codes_of[0] is not languages:
        _codes_of = (languages, tuple(code for code, _name in languages))
    return _codes_of[1]


@functools.lru_cache(maxsize=64)
def _language_order(active, default, codes):
    # Read for every translated name a page shows (hundreds on a listing): worked out once per
    # combination of the three.
    return tuple(dict.fromkeys((active, default, *codes)))


class TranslatedField:
    """`name = TranslatedField("name")` reads `name_<lang>`, falling back to `<fallback>`."""

    def __init__(self, prefix, fallback=None):
        self.prefix = prefix
        self.fallback = fallback

    def __set_name__(self, owner, name):
        self.attname = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return self.for_language(instance)

    def for_language(self, instance, language=None):
        for code in language_order(language):
            value = getattr(instance, f"{self.prefix}_{code}", "")
            if value:
                return value
        return getattr(instance, self.fallback, "") if self.fallback else ""


def translated_field_names(prefix):
    return [f"{prefix}_{code}" for code, _name in settings.LANGUAGES]
