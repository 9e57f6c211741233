"""The app's emails, multipart, in the journalist's language. One text template per email; the
HTML part is the same text in the site's email shell."""

from email.utils import make_msgid

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _

from core.emails import absolute, multipart

from . import conf

EMBARGO_FORMAT = "d/m/Y H:i T"


def url_in(language, name, **kwargs):
    with translation.override(language):
        return absolute(reverse(f"accreditation:{name}", kwargs=kwargs))


def embargo_label(moment):
    """The words "EMBARGO until <date time>" in the active language, the same in the subject,
    the email and the page's banner. Day first with the time zone's abbreviation (CET, CEST) in
    every language: a journalist abroad must not misread the one time that matters."""
    local = timezone.localtime(moment)
    return _("EMBARGO until %(moment)s") % {"moment": dateformat.format(local, EMBARGO_FORMAT)}


def _build(to, language, subject, template, context):
    with translation.override(language):
        context = {**context, "language": language, "site_name": settings.SITE_NAME}
        text = render_to_string(f"accreditation/emails/{template}.txt", context)
        html = render_to_string(
            "accreditation/emails/message.html", {**context, "text": text, "subject": subject}
        )
    domain = conf.from_email().rpartition("@")[2] or None
    return multipart(
        subject, text, html, conf.from_email(), [to], {"Message-ID": make_msgid(domain=domain)}
    )


def confirmation_email(accreditation, token):
    language = accreditation.language
    with translation.override(language):
        subject = _("Confirm your application for accreditation")
    context = {
        "accreditation": accreditation,
        "confirm_url": url_in(language, "confirm", token=token),
        "expires_at": accreditation.confirmation_expires_at,
    }
    return _build(accreditation.email, language, subject, "confirm", context)


def decision_email(accreditation):
    language = accreditation.language
    with translation.override(language):
        subjects = {
            "approved": _("Your accreditation is approved"),
            "refused": _("Your application for accreditation is refused"),
            "withdrawn": _("Your accreditation is withdrawn"),
        }
        subject = subjects[accreditation.status]
    context = {"accreditation": accreditation, "apply_url": url_in(language, "apply")}
    return _build(accreditation.email, language, subject, "decision", context)


def reminder_email(accreditation, renew_url):
    language = accreditation.language
    with translation.override(language):
        subject = _("Your accreditation ends soon")
    context = {"accreditation": accreditation, "renew_url": renew_url}
    return _build(accreditation.email, language, subject, "reminder", context)


def embargo_email(link, release, token):
    accreditation = link.accreditation
    language = accreditation.language
    with translation.override(language):
        label = embargo_label(link.share.go_live_at)
        subject = f"{label}: {release.title}"
    context = {
        "label": label,
        "release": release,
        "accreditation": accreditation,
        "read_url": url_in(language, "read", token=token),
        "expires_at": link.expires_at,
    }
    return _build(accreditation.email, language, subject, "embargo", context)
