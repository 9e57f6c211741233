"""Document uploads are what their extension says: a ".pdf" that is not a PDF, or a ".docx"
that is not a Word document, gets a clear error in the admin and nothing is saved.

Wired in through WAGTAILDOCS_DOCUMENT_FORM_BASE, so the single and the multiple upload views
both use it."""

import os
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

HEAD_SIZE = 8192

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003, Excel 97-2003, PowerPoint 97-2003
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")

# Office Open XML: a ZIP holding this part.
OOXML_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
# OpenDocument: a ZIP whose "mimetype" entry says what it is.
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}

KIND_LABELS = {
    "pdf": _("PDF"),
    "doc": _("Word 97-2003"),
    "xls": _("Excel 97-2003"),
    "ppt": _("PowerPoint 97-2003"),
    "docx": _("Word"),
    "xlsx": _("Excel"),
    "pptx": _("PowerPoint"),
    "odt": _("OpenDocument text"),
    "ods": _("OpenDocument spreadsheet"),
    "odp": _("OpenDocument presentation"),
    "zip": _("ZIP"),
    "rtf": _("RTF"),
    "csv": _("CSV"),
    "txt": _("text"),
    "mp4": _("MP4 video"),
    "webm": _("WebM video"),
    "vtt": _("WebVTT captions"),
}


def _zip_names(file):
    """The member names of a ZIP archive, or None when it is not one."""
    try:
        with zipfile.ZipFile(file) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def _odf_mimetype(file):
    try:
        with zipfile.ZipFile(file) as archive:
            return archive.read("mimetype").strip()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None


def content_matches(extension, file):
    """Whether the content of `file` (an uploaded file) is what `extension` claims.
    Extensions this module does not know are left to the extension whitelist."""
    file.seek(0)
    head = file.read(HEAD_SIZE)
    file.seek(0)
    try:
        if extension == "pdf":
            # The header may follow a little junk; readers look in the first kilobyte.
            return b"%PDF-" in head[:1024]
        if extension in {"doc", "xls", "ppt"}:
            return head.startswith(OLE2)
        if extension in OOXML_PARTS:
            names = _zip_names(file) if head.startswith(ZIP_SIGNATURES) else None
            return OOXML_PARTS[extension] in (names or ())
        if extension in ODF_MIMETYPES:
            return (
                head.startswith(ZIP_SIGNATURES) and _odf_mimetype(file) == ODF_MIMETYPES[extension]
            )
        if extension == "zip":
            return head.startswith(ZIP_SIGNATURES) and _zip_names(file) is not None
        if extension == "rtf":
            return head.startswith(b"{\\rtf")
        if extension in {"csv", "txt"}:
            return _is_text(head)
        if extension == "mp4":
            # ISO base media: a box size, then "ftyp" and the brand.
            return head[4:8] == b"ftyp"
        if extension == "webm":
            return head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head[:64]
        if extension == "vtt":
            # WebVTT: UTF-8 text starting with the "WEBVTT" signature (after an optional BOM).
            return head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT") and _is_text(head)
        return True
    finally:
        file.seek(0)


def _is_text(head):
    if not head or b"\x00" in head:
        return False
    # Cut at the last line break so that a multi-byte character split by HEAD_SIZE is not an
    # error; files in a single-byte encoding (Windows-1252 exports) are text too.
    sample = head if len(head) < HEAD_SIZE else head[: head.rfind(b"\n") + 1] or head
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return all(byte >= 0x20 or byte in b"\t\r\n\x0c" for byte in sample)


class ValidatedDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing files whose content does not match their extension."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if not file or not hasattr(file, "read") or "file" not in self.changed_data:
            return file
        extension = os.path.splitext(file.name)[1].lstrip(".").lower()
        if not content_matches(extension, file):
            kind = KIND_LABELS.get(extension, extension.upper())
            raise ValidationError(
                _(
                    "This file is not a real %(kind)s file: its content does not match its "
                    "“.%(extension)s” extension. Check that you chose the right file, or save "
                    "it again in the right format."
                ),
                code="content_mismatch",
                params={"kind": kind, "extension": extension},
            )
        return file

    def _post_clean(self):
        # Wagtail's Document.clean() then checks the extension of a file that was never set
        # and adds a misleading "extension not allowed": keep only the real reason.
        refused = self.errors["file"].as_data() if self.has_error("file") else None
        super()._post_clean()
        if refused:
            self._errors["file"] = self.error_class(refused)
