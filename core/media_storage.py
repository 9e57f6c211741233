"""Media storages that keep an embargo: original images get a name nobody can guess, and on
object storage documents are handed out only as short-lived signed URLs.

Images are linked straight from public pages, feeds and emails and served by the web server,
the bucket or a CDN, so their protection before go-live is an unguessable name: the random
prefix of the original is carried into every rendition's name (Wagtail derives those from
it), and only editors see the names before the page is live. Documents always go through
Wagtail's document view, which checks that a live page uses them (releases.media_access);
on S3 it then redirects to a signed URL, so the bucket itself refuses a guessed object URL
(grant public read on `original_images/` and `images/` only, see README)."""

import posixpath
import secrets

from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage

ORIGINAL_IMAGES = "original_images/"
PRIVATE_PREFIXES = ("documents/",)
# Long enough to start a large download, short enough that a forwarded link dies quickly.
SIGNED_URL_LIFETIME = 300


class UnguessableOriginalsMixin:
    """Prefixes original image names with 20 random hexadecimal digits (80 bits). In front,
    so that the length limits of Wagtail and Django, which cut names at the end, keep it."""

    def generate_filename(self, filename):
        filename = super().generate_filename(filename)
        if filename.startswith(ORIGINAL_IMAGES):
            folder, name = posixpath.split(filename)
            filename = posixpath.join(folder, f"{secrets.token_hex(10)}_{name}")
        return filename


class MediaFileSystemStorage(UnguessableOriginalsMixin, FileSystemStorage):
    """Local media (development, single host): serve `MEDIA_ROOT/original_images/` and
    `MEDIA_ROOT/images/` from the web server if at all, never `documents/`."""


class MediaS3Storage(UnguessableOriginalsMixin, S3Storage):
    """Media on S3-compatible object storage; documents are private objects."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        if name.startswith(PRIVATE_PREFIXES):
            # Signed by the bucket itself, not through the public custom domain (a CDN).
            return self.connection.meta.client.generate_presigned_url(
                "get_object",
                Params={**(parameters or {}), "Bucket": self.bucket.name, "Key": name},
                ExpiresIn=expire or SIGNED_URL_LIFETIME,
                HttpMethod=http_method,
            )
        return super().url(name, parameters, expire, http_method)
