"""Sharing a scheduled release under embargo: who gets it, their links, and what a link may
still open. Only a token's hash is stored (core.tokens); a token exists while its email is
sent, in the transaction that creates its link row."""

import logging

from anymail.exceptions import AnymailRecipientsRefused
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from core.tokens import hash_token, new_token, well_formed

from . import conf, emails
from .models import Accreditation, EmbargoAccess, EmbargoLink, EmbargoShare

logger = logging.getLogger(__name__)


class ShareProblem(models.TextChoices):
    NOT_SCHEDULED = "not_scheduled"
    LIVE = "live"


class LinkProblem(models.TextChoices):
    """Why a link shows no text. Each has a status (views.py)."""

    INVALID = "invalid"
    REVOKED = "revoked"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    CHANGED = "changed"


def scheduled_revision(page):
    """The approved scheduled revision of a release not yet live whose go-live is ahead, or
    None: the only thing that may be shared under embargo."""
    if page.live:
        return None
    revision = page.scheduled_revision
    if revision is None or revision.approved_go_live_at <= timezone.now():
        return None
    return revision


def share_problem(page):
    if page.live:
        return ShareProblem.LIVE
    if scheduled_revision(page) is None:
        return ShareProblem.NOT_SCHEDULED
    return None


def open_share(page):
    """The share of the page's scheduled revision that is not revoked, or None."""
    revision = scheduled_revision(page)
    if revision is None:
        return None
    return EmbargoShare.objects.filter(revision=revision, revoked_at=None).first()


def recipients(revision):
    """Valid accreditations that follow the release's publisher or one of its co-publishers (as
    the revision names them)."""
    release = revision.as_object()
    publisher_ids = [release.publisher_id, *(p.pk for p in release.co_publishers.all())]
    return Accreditation.objects.valid().following(publisher_ids)


def link_expiry(share):
    return share.go_live_at + conf.link_grace()


def send_share(share_id):
    """Send the share to every recipient who has no link yet; the number sent. Each email goes
    in the transaction that writes its link row, under the (share, journalist) constraint: a
    retry or a second worker skips those already sent, and a failed send leaves no row (the
    retry sends it). Refused addresses are recorded and not retried."""
    share = EmbargoShare.objects.select_related("revision").filter(pk=share_id).first()
    if share is None or share.revoked_at or link_problem_of_share(share):
        return 0
    release = share.revision.as_object()
    done = set(share.links.values_list("accreditation_id", flat=True))
    sent = 0
    for accreditation in recipients(share.revision).exclude(pk__in=done).order_by("pk"):
        token = new_token()
        try:
            with transaction.atomic():
                link = EmbargoLink.objects.create(
                    share=share,
                    accreditation=accreditation,
                    token_hash=hash_token(token),
                    expires_at=link_expiry(share),
                    sent_at=timezone.now(),
                )
                try:
                    emails.embargo_email(link, release, token).send()
                except AnymailRecipientsRefused as error:
                    logger.warning("embargo: %s refused by the ESP: %s", accreditation.pk, error)
                    link.token_hash, link.sent_at, link.refused = None, None, True
                    link.save(update_fields=["token_hash", "sent_at", "refused"])
                    continue
        except IntegrityError:
            # Another worker sent this one meanwhile.
            continue
        sent += 1
    return sent


def find_link(token):
    if not well_formed(token, min_length=40):
        return None
    return (
        EmbargoLink.objects.select_related("share__revision", "share__page", "accreditation")
        .filter(token_hash=hash_token(token))
        .first()
    )


def link_problem_of_share(share):
    """The share no longer matches the page: unscheduled, or scheduled with another revision.
    (Its go-live time may have passed: the scheduler runs every minute, and until it has the
    text is still read from the link.)"""
    current = None if share.page.live else share.page.scheduled_revision
    if current is None or current.pk != share.revision_id:
        return LinkProblem.CHANGED
    return None


def link_problem(link, now=None):
    """None when the link shows the text; else why not. A release gone live is not a problem
    (the view redirects to the public page)."""
    now = now or timezone.now()
    if link.revoked_at or link.share.revoked_at or link.token_hash is None:
        return LinkProblem.REVOKED
    if link.expires_at <= now:
        return LinkProblem.EXPIRED
    if not link.accreditation.is_valid(now):
        return LinkProblem.WITHDRAWN
    if link.share.page.live:
        return None
    return link_problem_of_share(link.share)


# A link scanner (mail security gateways, chat previews) or a robot, by its user agent.
SCANNER_WORDS = (
    "bot",
    "crawler",
    "spider",
    "preview",
    "scanner",
    "safelinks",
    "proofpoint",
    "mimecast",
    "barracuda",
    "python",
    "curl",
    "wget",
    "headless",
)


def agent_class(user_agent):
    text = (user_agent or "").lower()
    if not text:
        return EmbargoAccess.Agent.OTHER
    if any(word in text for word in SCANNER_WORDS):
        return EmbargoAccess.Agent.SCANNER
    if text.startswith("mozilla/"):
        return EmbargoAccess.Agent.BROWSER
    return EmbargoAccess.Agent.OTHER


def record_access(link, user_agent):
    return EmbargoAccess.objects.create(
        link=link, agent=agent_class(user_agent), user_agent=(user_agent or "")[:300]
    )


def mark_displayed(link, access_id):
    """The beacon of the page shown by `access_id` loaded: the text was displayed."""
    return EmbargoAccess.objects.filter(pk=access_id, link=link, displayed_at=None).update(
        displayed_at=timezone.now()
    )


def revoke_share(share, user):
    share.revoked_at = timezone.now()
    share.revoked_by = user
    share.save(update_fields=["revoked_at", "revoked_by"])


def revoke_link(link):
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
