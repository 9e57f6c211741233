"""Fields stored once per language (`name_fr`, `name_nl`, ...) read in the active language."""

import functools

from django.conf import settings
from django.utils import translation

# (settings.LANGUAGES, its codes): the codes worked out again only when the setting changes.
_codes_of = (None, ())


def _codes(languages):
    global _codes_of
    if _codes_of[0] is not languages:
        _codes_of = (languages, tuple(code for code, _name in languages))
    return _codes_of[1]


@functools.lru_cache(maxsize=256)
def _field_names(prefix, language, default, codes):
    """`prefix`'s fields in reading order: the active language first, then the site default,
    then the others. Read for every translated name a page shows (hundreds on a listing), so
    worked out once per prefix and combination of the three."""
    order = dict.fromkeys((language[:2], default, *codes))
    return tuple(f"{prefix}_{code}" for code in order)


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
        language = language or translation.get_language() or settings.LANGUAGE_CODE
        names = _field_names(
            self.prefix, language, settings.LANGUAGE_CODE, _codes(settings.LANGUAGES)
        )
        for name in names:
            value = getattr(instance, name, "")
            if value:
                return value
        return getattr(instance, self.fallback, "") if self.fallback else ""


def translated_field_names(prefix):
    return [f"{prefix}_{code}" for code, _name in settings.LANGUAGES]
