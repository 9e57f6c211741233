"""What every email of the site shares: absolute links, the sender, header values on one line,
the language check, and the multipart (text + HTML) message. Its HTML shell is the template
"emails/base.html", which each app's email templates extend."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives


def base_url():
    """The absolute root of the site, for links in emails (a mail client has no page to
    resolve a relative one against)."""
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")


def absolute(path):
    return f"{base_url()}{path}"


def from_email(setting):
    """The sender: the Django setting named `setting` (one per app), else DEFAULT_FROM_EMAIL."""
    return getattr(settings, setting, settings.DEFAULT_FROM_EMAIL)


def one_line(value):
    """A header value (a subject, a display name) on one line, its whitespace runs collapsed:
    a title with a line break (an import, a paste; CR, LF, U+2028 and the other separators
    count) makes Django refuse the message with BadHeaderError, or worse, adds a header."""
    return " ".join(str(value).split())


def site_language(code, fallback):
    """`code` when the site speaks it, else `fallback`."""
    return code if code in settings.LANGUAGE_CODES else fallback


def multipart(subject, text, html, from_email, to, headers=None):
    """An email with its plain text and its HTML alternative; the subject on one line."""
    message = EmailMultiAlternatives(
        subject=one_line(subject),
        body=text,
        from_email=from_email,
        to=to,
        headers=dict(headers or {}),
    )
    message.attach_alternative(html, "text/html")
    return message
