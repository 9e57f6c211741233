"""Embargoed media cannot be fetched by guessing a URL: original images (and so their
renditions) have an unguessable name; on S3, documents are only handed out as signed URLs that
expire."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.storage import default_storage

from core.media_storage import SIGNED_URL_LIFETIME, MediaS3Storage

pytestmark = pytest.mark.django_db


def test_original_images_and_their_renditions_have_unguessable_names(factories):
    first = factories.image("Budget chart")
    second = factories.image("Budget chart")
    folder, name = first.file.name.split("/")
    assert folder == "original_images"
    token, rest = name.split("_", 1)
    assert rest == "Budget_chart.png" and len(token) == 20
    assert first.file.name != second.file.name
    rendition = first.get_rendition("width-40")
    assert rendition.file.name.startswith(f"images/{token}_")
    assert default_storage.exists(first.file.name)


def test_documents_keep_their_name(factories):
    document = factories.document("Budget", "budget.pdf", b"%PDF-1.4 x")
    assert document.file.name == "documents/budget.pdf"


S3_OPTIONS = {
    "bucket_name": "press-media",
    "region_name": "eu-west-1",
    "access_key": "AKIAEXAMPLE",
    "secret_key": "example-secret",
    "custom_domain": "media.example.be",
    "querystring_auth": False,
    "default_acl": None,
}


@pytest.fixture
def s3():
    # Signing is computed locally: no request reaches any server.
    return MediaS3Storage(**S3_OPTIONS)


def test_s3_documents_are_signed_and_expire(s3):
    url = s3.url("documents/budget-2026.pdf")
    parts = urlsplit(url)
    assert parts.hostname != "media.example.be"  # not through the public CDN
    assert parts.path.endswith("/documents/budget-2026.pdf")
    query = parse_qs(parts.query)
    if "X-Amz-Signature" in query:  # signature version 4
        assert query["X-Amz-Expires"] == [str(SIGNED_URL_LIFETIME)]
    else:  # version 2: an expiry timestamp
        assert "Signature" in query
        lifetime = int(query["Expires"][0]) - time.time()
        assert SIGNED_URL_LIFETIME - 5 < lifetime <= SIGNED_URL_LIFETIME


def test_s3_signature_version_4():
    s3 = MediaS3Storage(**{**S3_OPTIONS, "signature_version": "s3v4"})
    query = parse_qs(urlsplit(s3.url("documents/budget-2026.pdf")).query)
    assert query["X-Amz-Expires"] == [str(SIGNED_URL_LIFETIME)]
    assert "X-Amz-Signature" in query


def test_s3_images_stay_plain_public_urls(s3):
    assert (
        s3.url("original_images/abc_chart.png")
        == "https://media.example.be/original_images/abc_chart.png"
    )
    assert s3.url("images/abc_chart.width-800.png").startswith("https://media.example.be/images/")
