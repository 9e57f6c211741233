"""The PDF version of each release (journalists file and print them): the page itself, as a
browser prints it (its own template and static/css/print.css), made by WeasyPrint.

Made after each publication by a Celery task queued through the outbox (core.outbox), so a
broker outage delays it but never loses it, and stored in the media storage under a name per
release, language and published revision: a change gives a new file, a retry finds the file
there. It is kept under `documents/`, which the web server and the bucket never hand out
(core.media_storage): the PDF is served only by `release_pdf`, which answers 404 once the
release is withdrawn, unpublished, expired or restricted. A PDF asked for before the task has
run is made on the spot.

Tagged PDF/UA-1 (structure tags, the document language and title in its metadata), with the
fonts that fontconfig finds for the page's text (Debian's DejaVu and Liberation cover the
accents of fr, nl and de)."""

import logging
import mimetypes
import posixpath
from urllib.parse import unquote, urlsplit

from celery import shared_task
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.translation import get_language

from core.front_cache import cache_until, tag_response, translation_tag
from core.task_retry import RetryingTask

from .query import live_releases

logger = logging.getLogger(__name__)

FOLDER = "documents/release-pdf"
PDF_VARIANT = "pdf/ua-1"

try:
    import weasyprint
except OSError as error:  # the package is there, Debian's libpango is not
    weasyprint = None
    UNAVAILABLE = f"WeasyPrint cannot load its libraries: {error}"
else:
    UNAVAILABLE = ""


def pdf_name(page):
    """Stable per release, language and published revision."""
    return (
        f"{FOLDER}/{page.pk}/{page.locale.language_code}-r{page.live_revision_id or 0}"
        f"-{page.slug[:80]}.pdf"
    )


def _open_local(url):
    """Static and media files read from storage, never over the network: the PDF is made by a
    worker that may not reach the site's public address (and must not fetch anything else)."""
    path = unquote(urlsplit(url).path)
    static_url = urlsplit(settings.STATIC_URL).path
    media_url = urlsplit(settings.MEDIA_URL).path
    if path.startswith(static_url):
        name = path[len(static_url) :]
        found = finders.find(name)
        if found:
            return open(found, "rb")  # noqa: SIM115 (closed by WeasyPrint)
        return staticfiles_storage.open(name)
    if path.startswith(media_url):
        return default_storage.open(path[len(media_url) :])
    raise ValueError(f"not fetched for a PDF: {url}")


if weasyprint is not None:

    class LocalFetcher(weasyprint.urls.URLFetcher):
        """Reads static and media files from storage (see `_open_local`)."""

        def fetch(self, url, headers=None):
            with _open_local(url) as handle:
                body = handle.read()
            mime_type = mimetypes.guess_type(urlsplit(url).path)[0] or "application/octet-stream"
            return weasyprint.urls.URLFetcherResponse(
                url, body, headers={"Content-Type": mime_type}
            )


def render_pdf(page):
    """The PDF bytes of the live release `page`, rendered as the public sees it."""
    if weasyprint is None:
        raise RuntimeError(UNAVAILABLE)
    response = page.make_preview_request()
    if hasattr(response, "render"):
        response.render()
    html = response.content.decode(response.charset or "utf-8")
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + page.get_url()
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=LocalFetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def stored_pdf(page, create=True):
    """The storage name of the PDF of the live release `page`, made now if missing (and
    `create`); older revisions' PDFs of its language are deleted."""
    name = pdf_name(page)
    if default_storage.exists(name):
        return name
    if not create:
        return None
    saved = default_storage.save(name, ContentFile(render_pdf(page)))
    _delete_others(page, keep=saved)
    return saved


def _delete_others(page, keep):
    folder = f"{FOLDER}/{page.pk}"
    prefix = f"{page.locale.language_code}-r"
    try:
        _dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for filename in files:
        name = posixpath.join(folder, filename)
        if filename.startswith(prefix) and name != keep:
            default_storage.delete(name)


@shared_task(name="releases.pdf.make_release_pdf", base=RetryingTask, retry_on=(OSError,))
def make_release_pdf(page_id):
    """After a publication: the PDF of the version now live (idempotent: an existing file is
    kept). Nothing for a release no longer public."""
    page = live_releases().filter(pk=page_id).select_related("locale").first()
    if page is None:
        return None
    if weasyprint is None:
        logger.warning("release PDF %s not made: %s", page_id, UNAVAILABLE)
        return None
    return stored_pdf(page)


def release_pdf(request, page_id):
    """The PDF of a public release, as a download; 404 for anything else (a withdrawn,
    unpublished, expired or restricted release included). Purged with the page."""
    page = (
        live_releases()
        .filter(pk=page_id, locale__language_code=get_language())
        .select_related("locale")
        .first()
    )
    if page is None or weasyprint is None:
        raise Http404
    tag_response(request, translation_tag(page.translation_key))
    if page.expire_at:
        cache_until(request, page.expire_at)
    name = stored_pdf(page)
    return FileResponse(
        default_storage.open(name),
        as_attachment=True,
        filename=f"{page.slug}.pdf",
        content_type="application/pdf",
    )
