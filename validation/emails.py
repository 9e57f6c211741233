"""The validation emails: text + HTML, each in its recipient's language."""

import re
from email.utils import formataddr

from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext

from . import conf
from .services import link_url

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|tr|blockquote|figure|figcaption|div|table)>", re.I)
_BLANKS = re.compile(r"\n\s*\n\s*(\n\s*)+")


def as_text(html):
    """Readable plain text from rendered HTML: one paragraph per block."""
    text = _BLOCK_END.sub(lambda match: match.group(0) + "\n\n", html)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = strip_tags(text)
    lines = [line.strip() for line in text.splitlines()]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


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
    known = {code for code, _name in _languages()}
    return preferred if preferred in known else fallback


def _languages():
    from django.conf import settings

    return settings.LANGUAGES


class ReleaseTexts:
    """The release rendered once per language (the text is the same for every recipient)."""

    def __init__(self, revision):
        self.revision = revision
        self.release = revision.as_object()
        self._html = {}

    def html(self, language):
        if language not in self._html:
            with translation.override(language):
                self._html[language] = render_to_string(
                    "validation/includes/release_text.html", {"release": self.release}
                )
        return self._html[language]

    def text(self, language):
        return as_text(self.html(language))


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
            "site_url": conf.base_url(),
        }
        subject = SUBJECTS[kind](texts.release.title)
        text = render_to_string("validation/email/link.txt", context)
        html = render_to_string("validation/email/link.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=conf.from_email(),
        to=[formataddr((link.name, link.email))],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    return message


def send_links(task_state, new_links, kind):
    """Send every new link through one connection; returns how many were sent."""
    if not new_links:
        return 0
    texts = ReleaseTexts(task_state.revision)
    submitter = user_name(task_state.workflow_state.requested_by)
    messages = [
        link_message(item, kind, texts, submitter, task_state.started_at) for item in new_links
    ]
    connection = get_connection()
    return connection.send_messages(messages) or 0


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
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=conf.from_email(),
        to=[user.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    return message
