"""The validation emails: text + HTML, each in its recipient's language."""

import re
from dataclasses import dataclass, field
from email.utils import formataddr
from smtplib import SMTPRecipientsRefused

from anymail.exceptions import AnymailInvalidAddress, AnymailRecipientsRefused
from django.core.mail import BadHeaderError, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.emails import base_url, multipart, one_line, site_language

from . import conf
from .links import link_url

# Root-relative addresses ("/media/...", "/nl/...") in rendered HTML; not "//host/..." ones.
_RELATIVE_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*")')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)(")')
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|tr|blockquote|figure|figcaption|div|table)>", re.I)
_BLANKS = re.compile(r"\n\s*\n\s*(\n\s*)+")


def as_text(html):
    """Readable plain text from rendered HTML: one paragraph per block."""
    text = _BLOCK_END.sub(lambda match: match.group(0) + "\n\n", html)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = strip_tags(text)
    lines = [line.strip() for line in text.splitlines()]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def absolute_urls(html, base_url):
    """The HTML with every root-relative link and image address made absolute: a mail
    client has no page to resolve them against."""

    def srcset(match):
        candidates = []
        for candidate in match.group(2).split(","):
            candidate = candidate.strip()
            if candidate.startswith("/") and not candidate.startswith("//"):
                candidate = base_url + candidate
            candidates.append(candidate)
        return match.group(1) + ", ".join(candidates) + match.group(3)

    html = _RELATIVE_ATTRIBUTE.sub(lambda match: match.group(1) + base_url + match.group(2), html)
    return _SRCSET.sub(srcset, html)


def user_name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def user_language(user, fallback):
    """The language a CMS user chose for the admin, else `fallback`."""
    try:
        preferred = user.wagtail_userprofile.preferred_language
    except Exception:  # no profile yet: Wagtail creates it lazily
        preferred = ""
    return site_language(preferred, fallback)


class ReleaseTexts:
    """The release rendered once per language (the text is the same for every recipient)."""

    def __init__(self, revision):
        self.revision = revision
        self.release = revision.as_object()
        self._html = {}

    def html(self, language):
        if language not in self._html:
            with translation.override(language):
                html = render_to_string(
                    "validation/includes/release_text.html", {"release": self.release}
                )
            # Still the template's escaped output: only attribute values were prefixed.
            self._html[language] = mark_safe(absolute_urls(html, base_url()))
        return self._html[language]

    def text(self, language):
        return as_text(self.html(language))


# Sent by the system, not a person: no out-of-office replies (RFC 3834).
AUTOMATIC = {"Auto-Submitted": "auto-generated"}

SUBJECTS = {
    "request": lambda title: gettext("Validation requested: %(title)s") % {"title": title},
    "reminder": lambda title: (
        gettext("Reminder – validation requested: %(title)s") % {"title": title}
    ),
    "resend": lambda title: gettext("New validation link: %(title)s") % {"title": title},
}


def link_message(new_link, kind, texts, submitter, submitted_at):
    link = new_link.link
    language = link.language
    with translation.override(language):
        context = {
            "kind": kind,
            "language": language,
            "link": link,
            "url": link_url(new_link.token, language),
            "member": link.member_validation.member,
            "title": texts.release.title,
            "release_language": texts.release.locale.language_code,
            "submitter": submitter,
            "submitted_at": submitted_at,
            "deadline": link.expires_at,
            "release_html": texts.html(language),
            "release_text": texts.text(language),
            "site_url": base_url(),
        }
        subject = SUBJECTS[kind](texts.release.title)
        text = render_to_string("validation/email/link.txt", context)
        html = render_to_string("validation/email/link.html", context)
    return multipart(
        subject,
        text,
        html,
        from_email=conf.from_email(),
        to=[formataddr((one_line(link.name), link.email))],
        headers=AUTOMATIC,
    )


@dataclass
class Delivery:
    """What became of each new link's email."""

    sent: list = field(default_factory=list)
    # The mail service refused the address (e.g. it is on its bounce list).
    refused: list = field(default_factory=list)
    # Not attempted: the relay failed before (`error`); a retry sends them.
    unsent: list = field(default_factory=list)
    error: Exception | None = None

    def raise_error(self):
        if self.error is not None:
            raise self.error


def send_links(task_state, new_links, kind):
    """Send each new link through one connection, one message at a time, so that a failure
    halfway does not cost the links whose email already went out."""
    delivery = Delivery()
    if not new_links:
        return delivery
    texts = ReleaseTexts(task_state.revision)
    submitter = user_name(task_state.workflow_state.requested_by)
    connection = get_connection()
    opened = connection.open()
    try:
        for index, item in enumerate(new_links):
            try:
                message = link_message(item, kind, texts, submitter, task_state.started_at)
                connection.send_messages([message])
            except (
                AnymailRecipientsRefused,
                AnymailInvalidAddress,
                SMTPRecipientsRefused,
                BadHeaderError,
            ):
                delivery.refused.append(item)
            except Exception as error:  # the relay, or anything else: stop here
                delivery.unsent = list(new_links[index:])
                delivery.error = error
                break
            else:
                delivery.sent.append(item)
    finally:
        if opened:
            connection.close()
    return delivery


def communicator_message(user, template, subject_text, context, page_language):
    """A message to a CMS user (the communicator who submitted the release)."""
    if user is None or not user.email:
        return None
    language = user_language(user, page_language)
    with translation.override(language):
        context = {**context, "language": language, "recipient": user_name(user)}
        subject = subject_text()
        text = render_to_string(f"validation/email/{template}.txt", context)
        html = render_to_string(f"validation/email/{template}.html", context)
    return multipart(
        subject, text, html, from_email=conf.from_email(), to=[user.email], headers=AUTOMATIC
    )
