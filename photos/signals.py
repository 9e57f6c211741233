"""Keeps photographers in the image groups of their publishers (photos.permissions) when their
groups or their publishers change, on every path (admin, shell, import)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.signals import m2m_changed

from directory.models import Publisher

from .permissions import PHOTOGRAPHERS_GROUP, sync_photographer

CHANGES = {"post_add", "post_remove", "post_clear"}
_CLEARED = "_photos_cleared_user_ids"


def _remember_cleared(instance, user_ids):
    """pre_clear: the users a clear() is about to remove (post_clear does not say)."""
    setattr(instance, _CLEARED, list(user_ids))


def _cleared(instance):
    users = getattr(instance, _CLEARED, [])
    if hasattr(instance, _CLEARED):
        delattr(instance, _CLEARED)
    return users


def _sync_users(user_ids):
    User = get_user_model()
    for user in User.objects.filter(pk__in=user_ids):
        sync_photographer(user)


def groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    photographers = set(Group.objects.filter(name=PHOTOGRAPHERS_GROUP).values_list("pk", flat=True))
    if action == "pre_clear" and reverse and instance.pk in photographers:
        _remember_cleared(instance, instance.user_set.values_list("pk", flat=True))
    if action not in CHANGES:
        return
    if not reverse:
        # user.groups.add(...): only a change of the Photographers group matters (this handler
        # itself adds the publishers' groups).
        if action == "post_clear" or (pk_set and pk_set & photographers):
            transaction.on_commit(lambda: _sync_users([instance.pk]))
    elif instance.pk in photographers:
        # group.user_set.add(...)
        users = _cleared(instance) if action == "post_clear" else list(pk_set or [])
        if users:
            transaction.on_commit(lambda: _sync_users(users))


def communicators_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and not reverse:
        _remember_cleared(instance, instance.communicators.values_list("pk", flat=True))
    if action not in CHANGES:
        return
    if reverse:
        users = [instance.pk]  # user.<publishers>.add(...)
    elif action == "post_clear":
        users = _cleared(instance)
    else:
        users = list(pk_set or [])
    if users:
        transaction.on_commit(lambda: _sync_users(users))


def connect():
    m2m_changed.connect(groups_changed, sender=get_user_model().groups.through)
    m2m_changed.connect(communicators_changed, sender=Publisher.communicators.through)
