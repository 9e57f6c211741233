"""Images and documents are permitted per collection (Wagtail): a group given these on the root
collection may upload and choose every image and document."""

from django.contrib.auth.models import Permission
from wagtail.models import Collection, GroupCollectionPermission

UPLOAD_AND_CHOOSE = ("add_image", "choose_image", "add_document", "choose_document")


def grant_media_permissions(group, codenames=UPLOAD_AND_CHOOSE):
    """Give `group` the image and document permissions `codenames` on every collection.
    Idempotent."""
    root_collection = Collection.get_first_root_node()
    for permission in Permission.objects.filter(
        content_type__app_label__in=["wagtailimages", "wagtaildocs"], codename__in=codenames
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission
        )
