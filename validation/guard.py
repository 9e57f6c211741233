"""The rule every publication passes: a text that names government members goes live only as
the text their spokespersons approved, or one an administrator published without validation
with a reason.

It is checked where every path ends, the save of the page row that makes a text public and the
save of a revision scheduled to go live: the editor's Publish, bulk actions with or without
descendants, the workflow's approval, reverts, copies with "publish copies", the scheduler
(`publish_scheduled`) and the shell all reach them. Where the page sits in the tree does not
matter, so moving a decision out of the Council section to publish it does not help. The admin
hooks (wagtail_hooks.py) ask the same question first, only to answer with a message instead of
an error."""

import logging

from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_save
from django.utils.translation import gettext
from wagtail.models import Page, Revision

from releases.loading import loading_reason

from .models import ValidatedText, text_fingerprint
from .spokespersons import members_named

logger = logging.getLogger(__name__)


class UnvalidatedPublication(PermissionDenied):
    """A text naming government members would go live without their spokespersons'
    approval. A PermissionDenied: a view that meets it answers 403, never 500."""

    def __init__(self, page, members):
        self.page = page
        self.members = members
        super().__init__(refusal_message(page, members))


def refusal_message(page, members):
    return gettext(
        "“%(title)s” names %(members)s: it goes live only once their spokespersons have "
        "validated this text. Submit it for spokesperson validation."
    ) % {"title": page.title, "members": ", ".join(member.name for member in members)}


def _publicly_live_text(page):
    """Fingerprint of the text the public sees now, or None when the page is not live."""
    live = type(page).objects.filter(pk=page.pk, live=True).first()
    return text_fingerprint(live.serializable_data()) if live is not None else None


def missing_validation(page):
    """The members whose validation `page`, as it is in memory, lacks to go live ([] when it
    may). A text already public as it is needs nothing more (a move re-saves it)."""
    if page.alias_of_id:
        # An alias shows its original's live text, which passed here when it went live.
        return []
    members = members_named(page)
    if not members:
        return []
    fingerprint = text_fingerprint(page.serializable_data())
    if page.pk is None:
        return members
    if ValidatedText.objects.filter(page_id=page.pk, fingerprint=fingerprint).exists():
        return []
    if _publicly_live_text(page) == fingerprint:
        return []
    return members


def _loaded(page):
    """Loaded content (releases.loading) goes live as it is, recorded with the reason."""
    reason = loading_reason()
    if reason and page.pk is not None:
        ValidatedText.objects.get_or_create(
            page_id=page.pk,
            fingerprint=text_fingerprint(page.serializable_data()),
            defaults={"source": ValidatedText.Source.LOADED, "reason": reason},
        )
    return bool(reason)


# Fields whose save alone never changes what the public reads.
_BOOKKEEPING = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "live_revision",
    "last_published_at",
    "first_published_at",
    "locked",
    "locked_at",
    "locked_by",
    "numchild",
    "path",
    "depth",
    "url_path",
    "owner",
    "go_live_at",
    "expire_at",
    "expired",
}


def _as_specific(page):
    """The specific page as saved: a plain `Page` row carries none of the release's fields."""
    if hasattr(page, "concerned_members") or type(page) is not Page or page.pk is None:
        return page
    specific = page.specific
    for field in Page._meta.concrete_fields:
        setattr(specific, field.attname, getattr(page, field.attname))
    return specific


def check_page_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not isinstance(instance, Page):
        return
    if getattr(instance, "_held_for_validation", False):
        # The copy goes on to record its revision as the live one: it has none.
        instance.live_revision = None
        instance.first_published_at = instance.last_published_at = None
        return
    if not instance.live:
        return
    if update_fields is not None and set(update_fields) <= _BOOKKEEPING:
        return
    page = _as_specific(instance)
    members = missing_validation(page)
    if not members or _loaded(page):
        return
    if instance.pk is None:
        # A new page (a copy with "publish copies") has no public version to protect: it is
        # created as a draft, to be validated like any other.
        instance.live = False
        instance.has_unpublished_changes = True
        instance._held_for_validation = True
        logger.warning("copy of %r created as a draft: its text needs validation", page.title)
        return
    raise UnvalidatedPublication(page, members)


def check_schedule(sender, instance, raw=False, update_fields=None, **kwargs):
    """A revision approved to go live later is checked now, not when the scheduler runs."""
    if raw or instance.approved_go_live_at is None:
        return
    if update_fields is not None and "approved_go_live_at" not in update_fields:
        return
    model = instance.content_type.model_class()
    if model is None or not hasattr(model, "concerned_members"):
        return
    page = instance.as_object()
    members = missing_validation(page)
    if members and not _loaded(page):
        raise UnvalidatedPublication(page, members)


def connect():
    pre_save.connect(check_page_save, dispatch_uid="validation.guard.page")
    pre_save.connect(check_schedule, sender=Revision, dispatch_uid="validation.guard.schedule")
