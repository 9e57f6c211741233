"""Downloads of the photo library: a photo (original or web size) and a whole report as a
ZIP. Only what a live, public report shows is served; answers carry an ETag and Last-Modified
(a browser or the front cache revalidates with a 304) and the report's front cache tag."""

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext

from core.front_cache import tag_response, translation_tag

from . import downloads
from .models import SIZES, PhotoReportPage

CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
}


def _attachment(response, name):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _validators(report, version):
    etag = quote_etag(version)
    last_modified = report.last_published_at.timestamp() if report.last_published_at else None
    return etag, last_modified


def _conditional(request, etag, last_modified):
    """A 304 when the client's copy is current; None otherwise."""
    return get_conditional_response(request, etag=etag, last_modified=last_modified)


def _with_validators(response, etag, last_modified):
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified)
    return response


# Ids past a 32-bit integer are no row, and PostgreSQL refuses them in a query.
MAX_ID = 2**31 - 1


def photo_download(request, image_id, size):
    if size not in SIZES or image_id > MAX_ID:
        raise Http404(gettext("No such photo."))
    photo = downloads.downloadable_photo(image_id)
    if photo is None:
        raise Http404(gettext("This photo is not in a published report."))
    report = photo.page
    tag_response(request, translation_tag(report.translation_key))
    version = downloads.report_version(report, [photo]) + size
    etag, last_modified = _validators(report, version)
    not_modified = _conditional(request, etag, last_modified)
    if not_modified is not None:
        return not_modified
    name = downloads.file_name(photo, size)
    content_type = CONTENT_TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream")
    response = HttpResponse(downloads.photo_bytes(photo, size), content_type=content_type)
    return _with_validators(_attachment(response, name), etag, last_modified)


def report_zip(request, page_id):
    if page_id > MAX_ID:
        raise Http404(gettext("This photo report is not published."))
    report = PhotoReportPage.objects.public_live().filter(pk=page_id).first()
    if report is None:
        raise Http404(gettext("This photo report is not published."))
    tag_response(request, translation_tag(report.translation_key))
    photos = report.photo_items()
    etag, last_modified = _validators(report, downloads.report_version(report, photos))
    not_modified = _conditional(request, etag, last_modified)
    if not_modified is not None:
        return not_modified
    archive = downloads.report_zip(report, photos)
    response = StreamingHttpResponse(archive, content_type="application/zip")
    return _with_validators(_attachment(response, f"{report.slug}.zip"), etag, last_modified)
