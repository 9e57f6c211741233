"""Who made a picture and how it may be used, beside every image (`ImageRights`, one row per
wagtailimages.Image), and what happens to an uploaded original: its EXIF/IPTC/XMP fill the
rights (and an empty description or a file-name title), and GPS and serial numbers are taken
out of the stored file before it is written (core.photo_metadata).

The image model stays Wagtail's own: switching WAGTAILIMAGES_IMAGE_MODEL on a live site moves
every image row. Templates read `image.rights` through `credit_of` (core.templatetags
.image_rights_tags), and the image blocks load it with the image (core.image_blocks), so a page
of forty pictures does not ask forty times."""

import logging
import os

from django.core.files.base import ContentFile
from django.db import models
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import photo_metadata

logger = logging.getLogger(__name__)

# Attribute of an Image being saved: what its new file said (set in pre_save, stored in post_save).
_EXTRACTED = "_newsportal_extracted_metadata"


class Licence(models.TextChoices):
    CC_BY_4 = "cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA_4 = "cc-by-sa-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    CC0 = "cc0", _("Public domain (CC0 1.0)")
    EDITORIAL = "editorial", _("Free for editorial use")
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")


LICENCE_URLS = {
    Licence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA_4: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


class Orientation(models.TextChoices):
    LANDSCAPE = "landscape", _("Landscape")
    PORTRAIT = "portrait", _("Portrait")
    SQUARE = "square", _("Square")


class ImageRights(models.Model):
    image = models.OneToOneField(
        "wagtailimages.Image", on_delete=models.CASCADE, primary_key=True, related_name="rights"
    )
    caption = models.TextField(_("caption"), blank=True)
    creator = models.CharField(_("photographer"), max_length=255, blank=True)
    credit = models.CharField(
        _("credit line"),
        max_length=255,
        blank=True,
        help_text=_(
            "As it must be printed, e.g. “Belga / Jane Doe”. Defaults to the photographer."
        ),
    )
    copyright = models.CharField(_("copyright notice"), max_length=255, blank=True)
    licence = models.CharField(_("licence"), max_length=30, choices=Licence.choices, blank=True)
    date_taken = models.DateTimeField(_("date taken"), null=True, blank=True)
    keywords = models.CharField(
        _("keywords"), max_length=1000, blank=True, help_text=_("Separated by commas.")
    )
    orientation = models.CharField(
        _("orientation"), max_length=10, choices=Orientation.choices, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("image rights")
        verbose_name_plural = _("image rights")

    def __str__(self):
        return self.credit_line or str(self.image_id)

    @property
    def credit_line(self):
        return self.credit or self.creator

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")

    def keyword_list(self):
        return [word.strip() for word in self.keywords.split(",") if word.strip()]

    def fill_from(self, found, only_empty=True):
        """Copy the values `found` (core.photo_metadata.read_metadata) into the empty fields
        (every field if not `only_empty`)."""
        values = {
            "caption": found.get("caption", ""),
            "creator": found.get("creator", ""),
            "credit": found.get("credit", ""),
            "copyright": found.get("copyright", ""),
            "licence": found.get("licence", ""),
            "date_taken": found.get("date_taken"),
            "keywords": ", ".join(found.get("keywords") or [])[:1000],
            "orientation": found.get("orientation", ""),
        }
        for name, value in values.items():
            if value and (not only_empty or not getattr(self, name)):
                field = self._meta.get_field(name)
                if isinstance(value, str) and getattr(field, "max_length", None):
                    value = value[: field.max_length]
                setattr(self, name, value)


def rights_of(image):
    """The image's ImageRights, or None: no query when it was loaded with the image
    (`select_related("rights")`), one otherwise."""
    if image is None:
        return None
    try:
        return image.rights
    except ImageRights.DoesNotExist:
        return None


def credit_info(image, credit=""):
    """What the site and the API show of `image`'s rights: `credit` (a block's own credit
    first, then the image's credit line or photographer), `copyright`, `licence` (its name),
    `licence_code` and `licence_url`; empty strings for what is unknown."""
    rights = rights_of(image)
    return {
        "credit": (credit or "").strip() or (rights.credit_line if rights else ""),
        "copyright": rights.copyright if rights else "",
        "licence": str(rights.get_licence_display()) if rights and rights.licence else "",
        "licence_code": rights.licence if rights else "",
        "licence_url": rights.licence_url if rights else "",
    }


def with_rights(queryset):
    return queryset.select_related("rights")


def _aware(moment):
    if moment is None:
        return None
    if timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


@receiver(pre_save, sender="wagtailimages.Image")
def clean_uploaded_original(sender, instance, raw=False, **kwargs):
    """A new file (upload, replacement): read its metadata, then store it without GPS and
    serial numbers. The pixels are not re-encoded: only the metadata blocks change."""
    file = instance.file
    if raw or not file or getattr(file, "_committed", True):
        return
    file.seek(0)
    data = file.read()
    file.seek(0)
    found = photo_metadata.read_metadata(data)
    setattr(instance, _EXTRACTED, found)
    try:
        cleaned = photo_metadata.strip_private(data)
    except photo_metadata.MetadataError as error:
        # Damaged metadata: the pixels saved again without any. (A GIF, which libexiv2 does
        # not write, carries no EXIF to remove: kept as uploaded.)
        cleaned = photo_metadata.reencode_without_metadata(data) or data
        logger.info("image %s: metadata not rewritable (%s): re-encoded", file.name, error)
    if cleaned is not data:
        name = os.path.basename(file.name)
        instance.file = ContentFile(cleaned, name=name)
        instance._set_image_file_metadata()
    stem = os.path.splitext(os.path.basename(file.name))[0]
    if not (instance.description or "").strip() and found["caption"]:
        instance.description = found["caption"][:255]
    if found["headline"] and (not instance.title or instance.title == stem):
        instance.title = found["headline"][:255]


@receiver(post_save, sender="wagtailimages.Image")
def store_extracted_rights(sender, instance, raw=False, **kwargs):
    found = getattr(instance, _EXTRACTED, None)
    if raw or found is None:
        return
    delattr(instance, _EXTRACTED)
    rights = ImageRights.objects.filter(image=instance).first() or ImageRights(image=instance)
    found = {**found, "date_taken": _aware(found.get("date_taken"))}
    # A replaced file brings its own orientation; the people's fields the editor wrote stay.
    rights.fill_from(found)
    if found.get("orientation"):
        rights.orientation = found["orientation"]
    rights.save()
    instance.rights = rights
