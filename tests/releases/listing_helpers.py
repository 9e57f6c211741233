"""Reading lists of releases back in tests, whatever the interface language."""

import re
from html import unescape

from django.utils import translation
from django.utils.html import escape

CARD_TITLE = re.compile(r'class="release-card__title"><a href="[^"]+">([^<]+)</a>')


def titles(response):
    """Release titles in the order the page shows them."""
    return [unescape(title) for title in CARD_TITLE.findall(response.content.decode())]


def tr(message, language="nl", **params):
    """An interface string as a page in `language` shows it (HTML-escaped)."""
    with translation.override(language):
        text = translation.gettext(message)
    return escape(text % params if params else text)


def count_text(count, language="nl"):
    """The "N releases" line of a list."""
    with translation.override(language):
        text = translation.ngettext("%(counter)s release", "%(counter)s releases", count)
    return text % {"counter": count}
