"""What a photo file says about itself (EXIF, IPTC, XMP), read, cleaned and written back.

The files are handled with pyexiv2 (Python bindings of libexiv2, its wheels bundle the library):
it reads and rewrites the metadata blocks of JPEG, PNG and WebP files in place, without decoding
or re-encoding the pixels. Pillow reads the pixel size and the EXIF orientation.

- `read_metadata(data)`: the fields that pre-fill an image's rights (docs/photos.md has the
  mapping), from the first of XMP, IPTC and EXIF that has each.
- `strip_private(data)`: the same bytes without what locates or identifies a person or their
  camera: GPS position, camera, lens and body serial numbers, the camera owner's name and the
  maker notes (vendor blobs that carry serial numbers).
- `embed_rights(data, rights)`: the bytes with the credit, copyright, licence and caption
  written into IPTC and XMP (and EXIF's Artist/Copyright), for downloads."""

import io
import logging
import re
import unicodedata
from datetime import datetime

import pyexiv2
from PIL import Image, UnidentifiedImageError

logger = logging.getLogger(__name__)

# libexiv2 prints its warnings to stderr by default; they go to the log (warnings and up).
pyexiv2.set_log_level(3)

LANG_DEFAULT = 'lang="x-default"'
# EXIF's Orientation values 5-8 turn the picture a quarter: its width is the stored height.
QUARTER_TURNS = {5, 6, 7, 8}

# Keys whose name says they locate or identify someone (matched on the part after the family).
_PRIVATE_EXIF = re.compile(
    r"^Exif\.(GPSInfo\.|Image\.GPSTag$|.*Serial|.*OwnerName|Photo\.MakerNote$)"
)
_PRIVATE_XMP = re.compile(r"^Xmp\.(exif\.GPS|.*Serial|.*OwnerName|.*GPS)")
# The maker notes (Exif.Canon.*, Exif.Nikon3.*, ...): a vendor's blob, serials included.
_MAKER_FAMILIES = re.compile(
    r"^Exif\.(Canon|Nikon|Olympus|Panasonic|Pentax|Sony|Fujifilm|Samsung|Sigma|Minolta|Casio|"
    r"Apple|Leica|DJI)"
)


class MetadataError(ValueError):
    """The file's metadata could not be read or written (not a format libexiv2 writes)."""


def _first(*values):
    for value in values:
        if isinstance(value, dict):
            value = value.get(LANG_DEFAULT) or next(iter(value.values()), "")
        if isinstance(value, list):
            value = value[0] if value else ""
        value = (value or "").strip() if isinstance(value, str) else value
        if value:
            return value
    return ""


def _as_list(value):
    if not value:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [str(part).strip() for part in value if str(part).strip()]


def _exif_datetime(text):
    """EXIF's "YYYY:MM:DD HH:MM:SS" (no zone), XMP's ISO 8601, IPTC's date; None if unreadable."""
    text = (text or "").strip()
    for pattern in ("%Y:%m:%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S",
                    "%Y-%m-%dT%H:%M%z", "%Y-%m-%d", "%Y%m%d"):  # fmt: skip
        try:
            return datetime.strptime(text[:25], pattern)
        except ValueError:
            continue
    return None


LICENCE_HINTS = [
    # (what a licence URL or usage-terms text contains, the licence's code in core.image_rights)
    ("creativecommons.org/publicdomain/zero", "cc0"),
    ("creativecommons.org/licenses/by-sa/4.0", "cc-by-sa-4.0"),
    ("creativecommons.org/licenses/by/4.0", "cc-by-4.0"),
    ("cc by-sa 4.0", "cc-by-sa-4.0"),
    ("cc by 4.0", "cc-by-4.0"),
    ("cc0", "cc0"),
    ("editorial", "editorial"),
    ("all rights reserved", "all-rights-reserved"),
]


def licence_from_text(*texts):
    for text in texts:
        text = (text or "").casefold()
        for hint, code in LICENCE_HINTS:
            if hint in text:
                return code
    return ""


def _open(data):
    try:
        return pyexiv2.ImageData(data)
    except (RuntimeError, ValueError) as error:
        raise MetadataError(str(error)) from error


def _read_blocks(image):
    blocks = {}
    for name, reader in (("exif", image.read_exif), ("iptc", image.read_iptc),
                         ("xmp", image.read_xmp)):  # fmt: skip
        try:
            blocks[name] = reader()
        except (RuntimeError, ValueError, UnicodeDecodeError) as error:
            # One damaged block does not hide the others.
            logger.info("photo metadata: %s unreadable: %s", name, error)
            blocks[name] = {}
    return blocks["exif"], blocks["iptc"], blocks["xmp"]


def pixel_size(data):
    """(width, height) as shown, the EXIF orientation applied; (0, 0) if not an image."""
    try:
        with Image.open(io.BytesIO(data)) as picture:
            width, height = picture.size
            orientation = picture.getexif().get(0x0112)
    except (UnidentifiedImageError, OSError, ValueError):
        return 0, 0
    if orientation in QUARTER_TURNS:
        return height, width
    return width, height


def orientation_of(width, height):
    if not width or not height:
        return ""
    if abs(width - height) <= max(width, height) * 0.02:
        return "square"
    return "landscape" if width > height else "portrait"


def read_metadata(data):
    """{caption, headline, creator, credit, copyright, licence, date_taken, keywords,
    orientation} read from `data` (a photo's bytes); empty values when absent. Never raises
    for a file libexiv2 cannot read: its fields stay empty."""
    try:
        with _open(data) as image:
            exif, iptc, xmp = _read_blocks(image)
    except MetadataError as error:
        logger.info("photo metadata: unreadable file: %s", error)
        exif, iptc, xmp = {}, {}, {}
    date_taken = None
    for text in (
        exif.get("Exif.Photo.DateTimeOriginal"),
        xmp.get("Xmp.photoshop.DateCreated"),
        xmp.get("Xmp.exif.DateTimeOriginal"),
        iptc.get("Iptc.Application2.DateCreated"),
    ):
        date_taken = _exif_datetime(_first(text))
        if date_taken:
            break
    creator = _first(
        xmp.get("Xmp.dc.creator"), iptc.get("Iptc.Application2.Byline"),
        exif.get("Exif.Image.Artist"),
    )  # fmt: skip
    return {
        "caption": _first(
            xmp.get("Xmp.dc.description"),
            iptc.get("Iptc.Application2.Caption"),
            exif.get("Exif.Image.ImageDescription"),
        ),
        "headline": _first(
            xmp.get("Xmp.photoshop.Headline"),
            xmp.get("Xmp.dc.title"),
            iptc.get("Iptc.Application2.Headline"),
            iptc.get("Iptc.Application2.ObjectName"),
        ),
        "creator": creator,
        "credit": _first(xmp.get("Xmp.photoshop.Credit"), iptc.get("Iptc.Application2.Credit")),
        "copyright": _first(
            xmp.get("Xmp.dc.rights"),
            iptc.get("Iptc.Application2.Copyright"),
            exif.get("Exif.Image.Copyright"),
        ),
        "licence": licence_from_text(
            _first(xmp.get("Xmp.xmpRights.WebStatement")),
            _first(xmp.get("Xmp.cc.license")),
            _first(xmp.get("Xmp.xmpRights.UsageTerms")),
            _first(xmp.get("Xmp.plus.LicensorURL")),
        ),
        "date_taken": date_taken,
        "keywords": _as_list(xmp.get("Xmp.dc.subject") or iptc.get("Iptc.Application2.Keywords")),
        "orientation": orientation_of(*pixel_size(data)),
    }


def private_keys(exif, xmp):
    """The EXIF and XMP keys `strip_private` removes."""
    exif_keys = [key for key in exif if _PRIVATE_EXIF.match(key) or _MAKER_FAMILIES.match(key)]
    xmp_keys = [key for key in xmp if _PRIVATE_XMP.match(key)]
    return exif_keys, xmp_keys


def strip_private(data):
    """`data` without GPS, serial numbers, owner name and maker notes (see the module doc);
    the same bytes when there is nothing to remove. Raises MetadataError for a file whose
    metadata libexiv2 cannot rewrite."""
    with _open(data) as image:
        exif, _iptc, xmp = _read_blocks(image)
        exif_keys, xmp_keys = private_keys(exif, xmp)
        if not exif_keys and not xmp_keys:
            return data
        try:
            if exif_keys:
                image.modify_exif(dict.fromkeys(exif_keys))
            if xmp_keys:
                image.modify_xmp(dict.fromkeys(xmp_keys))
            return image.get_bytes()
        except (RuntimeError, ValueError) as error:
            raise MetadataError(str(error)) from error


def reencode_without_metadata(data):
    """Last resort for a file whose metadata libexiv2 cannot rewrite (damaged blocks): the
    pixels saved again by Pillow without any metadata (JPEG at quality 95, PNG and WebP as
    they were), so that nothing private is kept. None if Pillow cannot read it either, or for
    a GIF (it has no EXIF to leak)."""
    try:
        with Image.open(io.BytesIO(data)) as picture:
            kind = picture.format
            if kind not in ("JPEG", "PNG", "WEBP"):
                return None
            picture.load()
            buffer = io.BytesIO()
            options = {"quality": 95} if kind == "JPEG" else {}
            if kind == "WEBP":
                options = {"lossless": True}
            picture.save(buffer, kind, **options)
            return buffer.getvalue()
    except (UnidentifiedImageError, OSError, ValueError):
        return None


def embed_rights(data, *, creator="", credit="", copyright="", licence_name="",
                 licence_url="", caption=""):  # fmt: skip
    """`data` with the rights written into IPTC (IIM) and XMP, for a downloaded copy. Empty
    values are left out (existing values stay). Raises MetadataError if the format is not
    writable."""
    xmp, iptc, exif = {}, {}, {}
    if creator:
        xmp["Xmp.dc.creator"] = [creator]
        iptc["Iptc.Application2.Byline"] = [creator]
        exif["Exif.Image.Artist"] = creator
    if credit:
        xmp["Xmp.photoshop.Credit"] = credit
        iptc["Iptc.Application2.Credit"] = credit
    if copyright:
        xmp["Xmp.dc.rights"] = {LANG_DEFAULT: copyright}
        iptc["Iptc.Application2.Copyright"] = copyright
        exif["Exif.Image.Copyright"] = copyright
    if licence_name:
        xmp["Xmp.xmpRights.UsageTerms"] = {LANG_DEFAULT: licence_name}
    if licence_url:
        xmp["Xmp.xmpRights.WebStatement"] = licence_url
    if caption:
        xmp["Xmp.dc.description"] = {LANG_DEFAULT: caption}
        iptc["Iptc.Application2.Caption"] = caption
    with _open(data) as image:
        try:
            if xmp:
                image.modify_xmp(xmp)
            if iptc:
                # IPTC IIM strings are UTF-8 when the CodedCharacterSet says so.
                image.modify_iptc({"Iptc.Envelope.CharacterSet": "\x1b%G", **iptc})
            if exif:
                # EXIF's tags are ASCII: accents dropped (the full text is in IPTC and XMP).
                image.modify_exif({key: _ascii(value) for key, value in exif.items()})
            return image.get_bytes()
        except (RuntimeError, ValueError) as error:
            raise MetadataError(str(error)) from error


def _ascii(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode()


def read_blocks(data):
    """(exif, iptc, xmp) dicts of `data`: for tests and the admin's diagnostics."""
    with _open(data) as image:
        return _read_blocks(image)
