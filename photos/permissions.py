"""Photographers: a "Photographers" group that may add, edit and publish photo reports of the
publishers they belong to (directory.communicators: Publisher.communicators), and upload images
to those publishers' collections only, without any right on releases.

- Pages: the group holds add/change/publish on each photo library section
  (`ensure_photographers_group`); `PhotoReportPermissionTester` narrows that per report to its
  publisher's people (administrators: everything). The photo pages ask this tester, not the
  release rules (photos.models.PhotoPermissionsMixin).
- Images: Wagtail permits images per collection and group, not per user. Each publisher gets a
  collection under "Photos" and a group "Photographers: <publisher>" holding add/choose image
  on it, both made on demand; a photographer is kept in the groups of their publishers
  (`sync_photographer`, called when their groups or publishers change: photos.signals)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission

from core.pages import NarrowedPagePermissionTester
from directory.communicators import is_communicator, publishers_for_user, user_may_write_for_page

PHOTOGRAPHERS_GROUP = "Photographers"
PUBLISHER_GROUP_PREFIX = "Photographers: "
PHOTOS_COLLECTION = "Photos"
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
IMAGE_PERMISSIONS = ("add_image", "choose_image")


class PhotoReportPermissionTester(NarrowedPagePermissionTester):
    """Wagtail's tester, narrowed: a report's publisher's people act on it; anyone of a
    publisher may add reports under a photo library section; sections are administrators'."""

    def page_rules(self, page_class):
        if getattr(page_class, "is_photo_report", False):
            page = self.page if hasattr(self.page, "publisher_id") else self.page.specific_deferred
            return user_may_write_for_page(self.user, page), False
        if getattr(page_class, "is_photo_library", False):
            return False, is_communicator(self.user)
        return False, False

    def can_move(self):
        # A report stays in its language's section: moving is the administrators'.
        return self.user.is_superuser and super().can_move()

    def can_translate(self):
        return False if not self.may_act else super().can_edit()


def page_permissions():
    return _permissions("wagtailcore", PAGE_PERMISSIONS)


def _permissions(app_label, codenames):
    return list(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )


def photos_root_collection():
    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=PHOTOS_COLLECTION).first()
    return found or root.add_child(name=PHOTOS_COLLECTION)


@transaction.atomic
def publisher_collection(publisher):
    """(collection, group) of `publisher`'s photos, made on first use: the collection
    "Photos / <publisher>" and the group whose members may upload to it and choose from it."""
    parent = photos_root_collection()
    name = publisher.name[:255]
    collection = parent.get_children().filter(name=name).first()
    if collection is None:
        collection = parent.add_child(name=name)
    group, _created = Group.objects.get_or_create(
        name=f"{PUBLISHER_GROUP_PREFIX}{publisher.slug}"[:150]
    )
    for permission in _permissions("wagtailimages", IMAGE_PERMISSIONS):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
    return collection, group


def is_photographer(user):
    return user.is_active and user.groups.filter(name=PHOTOGRAPHERS_GROUP).exists()


@transaction.atomic
def sync_photographer(user):
    """Put `user` in the image groups of the publishers they belong to if they are a
    photographer, and out of the others."""
    wanted = set()
    if is_photographer(user) and not user.is_superuser:
        for publisher in publishers_for_user(user).filter(is_active=True):
            _collection, group = publisher_collection(publisher)
            wanted.add(group.pk)
    current = set(
        user.groups.filter(name__startswith=PUBLISHER_GROUP_PREFIX).values_list("pk", flat=True)
    )
    if wanted - current:
        user.groups.add(*(wanted - current))
    if current - wanted:
        user.groups.remove(*(current - wanted))
