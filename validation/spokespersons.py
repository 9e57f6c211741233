"""Who is asked: the government members a text names, their spokespersons, in which language."""

from django.conf import settings
from django.db.models import Prefetch

from directory.models import PressContact, Publisher


def concerned_members(revision, obj=None):
    """Active government members named in this revision (not in the live page: the text
    validated is the one that will be published). `obj`: the revision's object if at hand."""
    return members_named(obj if obj is not None else revision.as_object())


def members_named(obj):
    """The active government members a page, or a revision's object, names."""
    relation = getattr(obj, "concerned_members", None)
    if relation is None:
        return []
    ids = [member.pk for member in relation.all()]
    if not ids:
        return []
    return list(Publisher.objects.government_members().active().filter(pk__in=ids))


def active_spokespersons():
    """Prefetch on member rows: `row.member.active_spokespersons`, in the directory's order."""
    return Prefetch(
        "member__contacts",
        queryset=PressContact.objects.filter(
            is_active=True, role=PressContact.Role.SPOKESPERSON
        ).order_by("sort_order", "pk"),
        to_attr="active_spokespersons",
    )


def mail_language(contact, page_language):
    """The contact's first language; the release's language when they list none we speak."""
    for code in contact.language_list:
        if code in settings.LANGUAGE_CODES:
            return code
    return page_language


def contact_may_validate(contact, member_id, email):
    """Still an active spokesperson of the member, at the address the link was sent to (a
    corrected address means the link may have gone to someone else)."""
    return (
        contact is not None
        and contact.is_active
        and contact.role == PressContact.Role.SPOKESPERSON
        and contact.publisher_id == member_id
        and _same_address(contact.email, email)
    )


def _same_address(first, second):
    return (first or "").strip().lower() == (second or "").strip().lower()
