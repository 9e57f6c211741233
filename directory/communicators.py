"""Who writes for which publisher: a communicator belongs to publishers (Publisher.communicators),
an administrator (superuser) writes for all. Read by the page permission rules of releases and
by the admin of apps above it."""

from .models import Publisher

# Cached on the user object for the duration of a request, like Wagtail's own permission cache.
_CACHE_ATTRIBUTE = "_newsportal_publisher_ids"


def publishers_for_user(user):
    """The publishers `user` may write for: all of them for an administrator."""
    if user.is_superuser:
        return Publisher.objects.all()
    if not user.is_authenticated or not user.is_active:
        return Publisher.objects.none()
    return Publisher.objects.filter(communicators=user)


def _memberships(user):
    """{publisher id: publisher kind} for a communicator, read once per user object."""
    if not hasattr(user, _CACHE_ATTRIBUTE):
        memberships = {}
        if user.is_authenticated and user.is_active:
            memberships = dict(publishers_for_user(user).values_list("pk", "kind"))
        setattr(user, _CACHE_ATTRIBUTE, memberships)
    return getattr(user, _CACHE_ATTRIBUTE)


def publisher_ids_for_user(user):
    """Ids of the publishers a communicator belongs to (empty for an administrator, who is
    not limited to any: check `is_superuser` first)."""
    return frozenset(_memberships(user))


def publisher_kinds_for_user(user):
    """The kinds (Publisher.Kind) of the publishers a communicator belongs to."""
    return frozenset(_memberships(user).values())


def user_may_write_for(user, publisher_id):
    if user.is_superuser:
        return True
    return publisher_id is not None and publisher_id in _memberships(user)


def user_may_write_for_page(user, page):
    """Whether `user` writes for the publisher of `page` (a page with a `publisher`). A page
    rebuilt from a revision (the editor, reverting) carries that revision's publisher: the one
    stored on the page must be theirs too (Django sets `_state.db` only on loaded instances)."""
    if not user_may_write_for(user, page.publisher_id):
        return False
    if page.pk and page._state.db is None:
        stored = (
            type(page)
            ._default_manager.filter(pk=page.pk)
            .values_list("publisher_id", flat=True)
            .first()
        )
        return stored is None or user_may_write_for(user, stored)
    return True


def is_council_communicator(user):
    """Speaks for the Council of Ministers (the Chancellery): may run the Council section."""
    if user.is_superuser:
        return True
    return Publisher.Kind.COUNCIL in _memberships(user).values()


def is_communicator(user):
    return user.is_superuser or bool(_memberships(user))
