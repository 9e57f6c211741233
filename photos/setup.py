"""The "Photographers" group, made by `manage.py setup` (see photos.permissions)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission

from .models import PhotoReportIndexPage
from .permissions import PHOTOGRAPHERS_GROUP, page_permissions


@transaction.atomic
def ensure_photographers_group(sections=None):
    """The "Photographers" group: admin access and add/change/publish on every photo library
    section (`sections`: all of them by default). No image permission of its own: those come
    with each publisher's group. Idempotent; `manage.py setup` and the sections' creation call
    it."""
    if sections is None:
        sections = PhotoReportIndexPage.objects.all()
    group, _created = Group.objects.get_or_create(name=PHOTOGRAPHERS_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    permissions = page_permissions()
    for section in sections:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=section, permission=permission
            )
    return group
