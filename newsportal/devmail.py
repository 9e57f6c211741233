import email
from email import policy
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.shortcuts import render


def _folder():
    return Path(settings.EMAIL_FILE_PATH)


def _read(path):
    with path.open("rb") as handle:
        return email.message_from_binary_file(handle, policy=policy.default)


def mailbox(request):
    if not settings.DEBUG:
        raise Http404
    files = sorted(_folder().glob("*.eml"), reverse=True)[:200]
    messages = []
    for path in files:
        msg = _read(path)
        messages.append(
            {"name": path.name, "subject": msg["subject"], "to": msg["to"], "date": msg["date"]}
        )
    return render(request, "devmail/mailbox.html", {"messages": messages})


def message(request, name):
    if not settings.DEBUG:
        raise Http404
    path = _folder() / name
    if path.parent != _folder() or path.suffix != ".eml" or not path.is_file():
        raise Http404
    msg = _read(path)
    html = msg.get_body(preferencelist=("html",))
    text = msg.get_body(preferencelist=("plain",))
    return render(
        request,
        "devmail/message.html",
        {
            "name": name,
            "headers": list(msg.items()),
            "html": html.get_content() if html else "",
            "text": text.get_content() if text else "",
        },
    )
