"""The development mailbox (/dev/mail/, DEBUG only): the .eml files that the development email
backend (newsportal.mail.EmlFileBackend) wrote, newest first.

An email's HTML part is never put inside our page: it is served on its own URL with a policy
that runs no script and loads nothing but images and inline styles, and shown in a sandboxed
frame whose links open in a new tab."""

import email
import re
from email import policy
from pathlib import Path

from csp.decorators import csp, csp_update
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render

# The names EmlFileBackend gives its files; anything else (a path, a NUL byte) is not ours.
MESSAGE_NAME = re.compile(r"^[\w-]+\.eml$", re.ASCII)
# The most recent messages listed; older ones stay on disk.
MAILBOX_SIZE = 200
# The email's own HTML: its inline styles and its images (often absolute URLs), nothing else;
# the sandbox gives it an opaque origin (no cookies, no script) and lets links open new tabs.
EMAIL_HTML_POLICY = {
    "default-src": "'none'",
    "img-src": ["*", "data:"],
    "style-src": "'unsafe-inline'",
    "frame-ancestors": "'self'",
    "sandbox": ["allow-popups", "allow-popups-to-escape-sandbox"],
}


def _folder():
    return Path(settings.EMAIL_FILE_PATH)


def _read(path):
    with path.open("rb") as handle:
        return email.message_from_binary_file(handle, policy=policy.default)


def _message_file(name):
    """The .eml file of that name in the mail folder; 404 for anything else. Development only:
    the URLs are always mounted so that tests reach them, but answer only when DEBUG is on."""
    if not settings.DEBUG or not MESSAGE_NAME.match(name):
        raise Http404
    folder = _folder().resolve()
    path = (folder / name).resolve()
    if path.parent != folder or path.suffix != ".eml" or not path.is_file():
        raise Http404
    return path


def _header_date(msg):
    header = msg["date"]
    return getattr(header, "datetime", None) or header


def mailbox(request):
    if not settings.DEBUG:
        raise Http404
    files = sorted(_folder().glob("*.eml"), reverse=True)[:MAILBOX_SIZE]
    messages = []
    for path in files:
        msg = _read(path)
        messages.append(
            {
                "name": path.name,
                "subject": msg["subject"],
                "to": msg["to"],
                "date": _header_date(msg),
            }
        )
    return render(request, "devmail/mailbox.html", {"messages": messages, "folder": str(_folder())})


@csp_update({"frame-src": "'self'"})
def message(request, name):
    msg = _read(_message_file(name))
    html = msg.get_body(preferencelist=("html",))
    text = msg.get_body(preferencelist=("plain",))
    return render(
        request,
        "devmail/message.html",
        {
            "name": name,
            "subject": msg["subject"],
            "headers": list(msg.items()),
            "html": html.get_content() if html else "",
            "text": text.get_content() if text else "",
        },
    )


@csp(EMAIL_HTML_POLICY)
def message_html(request, name):
    """The HTML part alone, for the message page's sandboxed frame."""
    html = _read(_message_file(name)).get_body(preferencelist=("html",))
    if html is None:
        raise Http404
    # Links open in a new tab rather than inside the frame.
    return HttpResponse('<base target="_blank">' + html.get_content(), content_type="text/html")
