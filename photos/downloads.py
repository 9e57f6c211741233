"""What a download sends: a photo of a live, public report as its original or at web size
(a JPEG of at most WEB_SIZE pixels on its long side), with its credit, copyright, licence and
caption written into the file's IPTC and XMP (core.photo_metadata.embed_rights); and a whole
report as a ZIP, streamed with zipstream-ng while it is written (no archive in memory or on
disk: one photo at a time), with a UTF-8 text file of the captions and credits."""

import hashlib
import re
import unicodedata

from django.utils import translation
from django.utils.translation import gettext
from zipstream import ZIP_STORED, ZipStream

from core.image_rights import LICENCE_URLS, Licence
from core.photo_metadata import MetadataError, embed_rights

from .models import ORIGINAL, WEB_SIZE, PhotoReportPage, PhotoReportPhoto

WEB_FILTER = f"max-{WEB_SIZE}x{WEB_SIZE}|format-jpeg|jpegquality-85"
CHUNK = 1024 * 1024
CREDITS_FILE = "credits.txt"


def public_reports():
    return PhotoReportPage.objects.public_live()


def downloadable_photo(image_id):
    """The use of image `image_id` in a live, public report (the newest), with the image, its
    rights and the report; None when no such report shows it."""
    return (
        PhotoReportPhoto.objects.filter(image_id=image_id, page__in=public_reports())
        .select_related("image", "image__rights", "page", "page__locale")
        .order_by("-page__date", "-page_id")
        .first()
    )


def photo_rights(photo):
    """What is written into the file and the credits: the image's rights, completed by the
    report's photographer and licence."""
    rights = photo.rights
    report = photo.page
    creator = (rights.creator if rights else "") or report.photographer
    licence = (rights.licence if rights else "") or report.licence
    return {
        "creator": creator,
        "credit": (rights.credit_line if rights else "") or creator,
        "copyright": rights.copyright if rights else "",
        # In English, whatever the page's language: the file travels to photo desks abroad.
        "licence_name": _english(Licence(licence).label) if licence in Licence.values else "",
        "licence_url": LICENCE_URLS.get(licence, ""),
        "caption": photo.shown_caption,
    }


def _english(text):
    with translation.override("en"):
        return str(text)


def _read(file_field):
    with file_field.open("rb") as handle:
        return handle.read()


def _with_rights(data, rights):
    try:
        return embed_rights(data, **rights)
    except MetadataError:
        # A format libexiv2 does not write (GIF): the file as stored, credits beside it.
        return data


def web_rendition(image):
    return image.get_rendition(WEB_FILTER)


def photo_bytes(photo, size):
    """The file's bytes for `size`, rights embedded."""
    image = photo.image
    source = image.file if size == ORIGINAL else web_rendition(image).file
    return _with_rights(_read(source), photo_rights(photo))


def file_name(photo, size, number=None):
    return photo.file_name(size, number)


def _plain(text):
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text or "")).strip()


def credits_text(report, photos):
    """The captions and credits of the report's photos, one paragraph each (UTF-8)."""
    lines = [
        _plain(report.title),
        _plain(" · ".join(part for part in (report.event, report.place) if part)),
        report.date.isoformat(),
        gettext("Photographer: %(name)s") % {"name": _plain(report.photographer)},
        gettext("Licence: %(licence)s") % {"licence": report.get_licence_display()},
        "",
    ]
    for number, photo in enumerate(photos, start=1):
        rights = photo_rights(photo)
        lines.append(file_name(photo, ORIGINAL, number))
        if rights["caption"]:
            lines.append(_plain(rights["caption"]))
        lines.append(gettext("Credit: %(credit)s") % {"credit": _plain(rights["credit"])})
        if rights["copyright"]:
            lines.append(_plain(rights["copyright"]))
        if rights["licence_name"]:
            lines.append(
                " ".join(part for part in (rights["licence_name"], rights["licence_url"]) if part)
            )
        lines.append("")
    return "\n".join(lines)


def _photo_chunks(photo):
    """A photo's bytes, made when the ZIP reaches it, handed on in CHUNK slices."""
    data = memoryview(photo_bytes(photo, ORIGINAL))
    for start in range(0, len(data), CHUNK):
        yield bytes(data[start : start + CHUNK])


def report_zip(report, photos):
    """An iterable of the ZIP's bytes: the originals (stored: JPEGs do not compress) and the
    credits file. Each photo is read and written only when the stream reaches it."""
    archive = ZipStream(compress_type=ZIP_STORED)
    for number, photo in enumerate(photos, start=1):
        archive.add(_photo_chunks(photo), file_name(photo, ORIGINAL, number))
    archive.add(credits_text(report, photos).encode("utf-8"), CREDITS_FILE)
    return archive


def report_version(report, photos):
    """A validator of the report's ZIP: its last publication and its photos' rights."""
    published = report.last_published_at
    parts = [str(report.pk), published.isoformat() if published else ""]
    for photo in photos:
        rights = photo.rights
        changed = rights.updated_at.isoformat() if rights else ""
        parts.append(f"{photo.image_id}:{photo.image.file_hash}:{photo.caption}:{changed}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
