"""The emails of the app, multipart (plain text and HTML), rendered in the recipient's language.
Every email to a subscriber carries the manage link and the one-click unsubscribe headers
(RFC 8058)."""

import re
from dataclasses import dataclass, field
from email.utils import make_msgid
from operator import attrgetter

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.emails import absolute, multipart

from . import conf, tokens


def url_in(language, name, **kwargs):
    with translation.override(language):
        return absolute(reverse(f"subscriptions:{name}", kwargs=kwargs))


_TOKEN_SLOT = "TOKEN-SLOT"


def token_url(language, name, token):
    """`url_in` for a link token, resolved once per language and view: a round builds two
    links per email."""
    url = _cached(("url", language, name), lambda: url_in(language, name, token=_TOKEN_SLOT))
    return url.replace(_TOKEN_SLOT, token)


def manage_url(subscriber):
    token = tokens.make_token(subscriber, tokens.MANAGE)
    return token_url(subscriber.email_language, "manage", token)


def unsubscribe_url(subscriber):
    token = tokens.make_token(subscriber, tokens.UNSUBSCRIBE)
    return token_url(subscriber.email_language, "unsubscribe", token)


def message_id(kind, key, subscriber):
    """A Message-ID fixed by what the email is: a resent copy (see tasks.py) carries the same
    one, so that clients can recognise it as the same message."""
    domain = conf.from_email().rpartition("@")[2] or "localhost"
    return f"<{kind}.{key}.{subscriber.public_id.hex}@{domain}>"


def _build(to, subject, template, context, language, headers=None):
    with translation.override(language):
        context = {**context, "language": language, "site_name": settings.SITE_NAME}
        text = render_to_string(f"subscriptions/emails/{template}.txt", context)
        html = render_to_string(f"subscriptions/emails/{template}.html", context)
    return multipart(subject, text, html, conf.from_email(), [to], headers)


def confirmation_email(request_obj, token):
    language = request_obj.email_language
    with translation.override(language):
        subject = _("Confirm your subscription to the press releases")
    context = {
        "confirm_url": url_in(language, "confirm", token=token),
        "expires_at": request_obj.expires_at,
    }
    return _build(
        request_obj.email,
        subject,
        "confirm",
        context,
        language,
        headers={"Message-ID": make_msgid(domain=conf.from_email().rpartition("@")[2] or None)},
    )


# Digests are assembled from pieces rendered once per worker process, not once per email: the
# email's frame per template and language ("shell", with markers where the per-email values
# go), each release per language, each publisher heading per language. A release's key holds
# its last publication, so an edited release is rendered again.
_CACHE = {}
_CACHE_MAX = 20_000
_MARK = "\ue000{}\ue000"  # private-use characters: never in real content


def _cached(key, render):
    value = _CACHE.get(key)
    if value is None:
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.clear()
        value = _CACHE[key] = render()
    return value


_MARKED = re.compile("\ue000([a-z]+)\ue000")


def _fill(template, language, values):
    """Render `template` in `language` with `values` (already escaped for its format)."""

    def render():
        context = {
            name: mark_safe(_MARK.format(name)) for name in ("heading", "body", "manage", "leave")
        }
        context.update(language=language, site_name=settings.SITE_NAME)
        with translation.override(language):
            shell = render_to_string(f"subscriptions/emails/{template}", context)
        # Split once at the markers (odd items are names): an email is then one join, not a
        # pass over the whole text, body included, per value.
        return _MARKED.split(shell)

    segments = _cached(("shell", template, language), render)
    parts = segments[:]
    for index in range(1, len(parts), 2):
        parts[index] = values[parts[index]]
    return "".join(parts)


def _render_piece(template, language, context):
    with translation.override(language):
        return render_to_string(f"subscriptions/emails/{template}", context)


@dataclass(eq=False)
class ReleaseEntry:
    """One language version of a release, as an email lists it."""

    page_id: int
    version: str
    title: str
    lead: str
    url: str
    published_at: object
    language: str
    publishers: list = field(default_factory=list)

    def publisher_name(self, language):
        """The main publisher's name in `language`."""
        names = self.__dict__.setdefault("_names", {})
        if language not in names:
            with translation.override(language):
                names[language] = str(self.publishers[0])
        return names[language]

    def pieces(self, email_language, level):
        """(HTML, plain text) of this entry in an email in `email_language`. Kept on the
        entry too: a digest round asks for them once per email that lists the entry."""
        own = self.__dict__.setdefault("_pieces", {})
        key = (email_language, level)
        value = own.get(key)
        if value is None:
            value = own[key] = self._render_pieces(email_language, level)
        return value

    def _render_pieces(self, email_language, level):
        def render():
            with translation.override(email_language):
                context = {
                    "entry": self,
                    "language": email_language,
                    "level": level,
                    "publishers": ", ".join(str(publisher) for publisher in self.publishers),
                    "language_name": translation.get_language_info(self.language)[
                        "name_translated"
                    ],
                }
            return (
                _render_piece("entry.html", email_language, context),
                _render_piece("entry.txt", email_language, context),
            )

        return _cached(("entry", self.page_id, self.version, email_language, level), render)


def _publisher_pieces(name, language):
    def render():
        return (
            _render_piece("group.html", language, {"name": name}),
            _render_piece("group.txt", language, {"name": name}),
        )

    return _cached(("group", name, language), render)


def group_by_publisher(entries):
    """[(main publisher, [entries])], publishers in order of their newest release; entries
    newest first."""
    entries = sorted(entries, key=attrgetter("published_at"), reverse=True)
    groups = {}
    for entry in entries:
        # By id: hashing a model instance costs a Python call per entry.
        groups.setdefault(entry.publishers[0].pk, []).append(entry)
    return [(items[0].publishers[0], items) for items in groups.values()]


def subscriber_email(subscriber, subject, heading, html_body, text_body, msgid, template):
    """A digest or an alert: the per-email values poured into the cached frame, with the
    manage link and the RFC 8058 one-click unsubscribe headers."""
    language = subscriber.email_language
    manage = manage_url(subscriber)
    leave = unsubscribe_url(subscriber)
    text = _fill(
        f"{template}.txt",
        language,
        {"heading": heading, "body": text_body, "manage": manage, "leave": leave},
    )
    html = _fill(
        f"{template}.html",
        language,
        {
            "heading": escape(heading),
            "body": html_body,
            "manage": escape(manage),
            "leave": escape(leave),
        },
    )
    headers = {
        "Message-ID": msgid,
        "List-Unsubscribe": f"<{leave}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return multipart(subject, text, html, conf.from_email(), [subscriber.email], headers)


def _digest_heading(language, count):
    def render():
        with translation.override(language):
            return ngettext(
                "%(count)s new press release", "%(count)s new press releases", count
            ) % {"count": count}

    return _cached(("digest-heading", language, count), render)


def digest_email(subscriber, entries, msgid):
    language = subscriber.email_language
    html_parts, text_parts = [], []
    for _publisher, items in group_by_publisher(entries):
        group_html, group_text = _publisher_pieces(items[0].publisher_name(language), language)
        html_parts.append(group_html)
        text_parts.append(group_text)
        for entry in items:
            entry_html, entry_text = entry.pieces(language, 3)
            html_parts.append(entry_html)
            text_parts.append(entry_text)
    heading = _digest_heading(language, len(entries))
    return subscriber_email(
        subscriber, heading, heading, "".join(html_parts), "".join(text_parts), msgid, "digest"
    )


def alert_email(subscriber, entries, msgid):
    language = subscriber.email_language
    with translation.override(language):
        subject = _("New press release: %(title)s") % {"title": entries[0].title}
        heading = _("New press release")
    pieces = [entry.pieces(language, 2) for entry in entries]
    return subscriber_email(
        subscriber,
        subject,
        heading,
        "".join(html for html, _text in pieces),
        "".join(text for _html, text in pieces),
        msgid,
        "alert",
    )


def update_email(subscriber, entry, note, msgid):
    """ "Update: <title>": the note ("Updated on <date>: <note>", in the release's language),
    then the release as an alert lists it."""
    language = subscriber.email_language
    with translation.override(language):
        subject = _("Update: %(title)s") % {"title": entry.title}
        heading = _("Update to a press release")
        context = {"note": note, "release_language": entry.language}
        note_html = render_to_string("subscriptions/emails/update_note.html", context)
        note_text = render_to_string("subscriptions/emails/update_note.txt", context)
    entry_html, entry_text = entry.pieces(language, 2)
    return subscriber_email(
        subscriber,
        subject,
        heading,
        note_html + entry_html,
        note_text + entry_text,
        msgid,
        "alert",
    )
