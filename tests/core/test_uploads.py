"""An upload that is not what it claims to be gets a clear error in the admin, and nothing is
saved; a genuine file of each kind goes through."""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db

MISMATCH = "content does not match"


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.be", "pw")
    # The admin speaks the user's language; the messages checked here are the English ones.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    # The admin is not under a language prefix: it speaks the browser's language.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def zip_bytes(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


GENUINE = {
    "report.pdf": b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n",
    "minutes.docx": zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}),
    "budget.xlsx": zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>"}),
    "notes.odt": zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text"}),
    "photos.zip": zip_bytes({"a.txt": "a"}),
    "legacy.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
    "figures.csv": "année;montant\n2024;12,5\n".encode(),
    "statement.rtf": b"{\\rtf1\\ansi Hello}",
    "clip.mp4": b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 32,
    "clip.webm": b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm",
    "clip.vtt": "\ufeffWEBVTT\n\n00:00.000 --> 00:02.000\nBonjour à tous\n".encode(),
}

FAKE = {
    "report.pdf": b"This is plain text pretending to be a PDF.",
    "minutes.docx": b"PK\x03\x04 not really a zip archive at all",
    "budget.xlsx": zip_bytes({"word/document.xml": "<w/>"}),  # a Word file renamed
    "notes.odt": zip_bytes({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}),
    "legacy.doc": b"MZ\x90\x00 a Windows program",
    "figures.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "clip.mp4": b"<html><body>not a video</body></html>",
    "clip.webm": b"\x00\x00\x00\x18ftypmp42",
    "clip.vtt": b"1\n00:00:00,000 --> 00:00:02,000\nAn SRT file, not WebVTT\n",
}


def post_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize("name", sorted(FAKE))
def test_document_whose_content_does_not_match_its_extension_is_refused(admin_client, name):
    response = post_document(admin_client, name, FAKE[name])
    assert response.status_code == 200
    with translation.override("en"):
        errors = response.context["form"].errors["file"]
    assert [e.code for e in response.context["form"].errors.as_data()["file"]] == [
        "content_mismatch"
    ]
    assert len(errors) == 1 and MISMATCH in errors[0]
    assert f"“.{name.rsplit('.', 1)[1]}”" in errors[0]
    assert MISMATCH in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize("name", sorted(GENUINE))
def test_genuine_documents_are_accepted(admin_client, name):
    response = post_document(admin_client, name, GENUINE[name])
    assert response.status_code == 302, response.context and response.context["form"].errors
    document = Document.objects.get()
    assert document.file.name.endswith(name.rsplit(".", 1)[1])


def test_multiple_uploader_refuses_a_fake_pdf(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("report.pdf", FAKE["report.pdf"])},
    )
    data = response.json()  # rendered in the request, in the user's language
    assert data["success"] is False and MISMATCH in data["error_message"]
    assert not Document.objects.exists()


def test_document_extension_outside_the_whitelist_is_refused(admin_client):
    response = post_document(admin_client, "virus.exe", b"MZ\x90\x00")
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not Document.objects.exists()


def test_png_that_is_text_is_refused_by_the_image_form(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Fake photo",
            "file": SimpleUploadedFile("photo.png", b"Just some text, no pixels here."),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["file"]
    assert [e.code for e in errors] == ["invalid_image"]
    assert "Upload a valid image" in response.content.decode()
    assert not Image.objects.exists()

    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("photo.png", b"Just some text, no pixels here.")},
    )
    assert response.json()["success"] is False
    assert not Image.objects.exists()


def test_real_png_is_accepted_by_the_image_form(admin_client):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (0, 90, 160)).save(buffer, "PNG")
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Real photo",
            "description": "A blue rectangle",
            "file": SimpleUploadedFile("photo.png", buffer.getvalue()),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302
    assert Image.objects.get().width == 40


def png(name):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (0, 90, 160)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.mark.parametrize("description", ["", "IMG_2034"])
def test_an_image_needs_a_description_that_is_not_its_file_name(admin_client, description):
    """Wagtail's default alt text is the description, else the title (the file name)."""
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "IMG_2034",
            "description": description,
            "file": png("IMG_2034.png"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert not Image.objects.exists()


def test_the_multiple_uploader_asks_for_the_description_per_image(admin_client):
    response = admin_client.post(reverse("wagtailimages:add_multiple"), {"files[]": png("a.png")})
    assert response.json()["success"] is True
    image = Image.objects.get()
    response = admin_client.post(
        reverse("wagtailimages:edit_multiple", args=(image.pk,)),
        {f"image-{image.pk}-title": "a", f"image-{image.pk}-description": ""},
    )
    assert response.json()["success"] is False
    response = admin_client.post(
        reverse("wagtailimages:edit_multiple", args=(image.pk,)),
        {
            f"image-{image.pk}-title": "Minister at the podium",
            f"image-{image.pk}-description": "The minister speaks at a podium",
            f"image-{image.pk}-collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.json()["success"] is True, response.json()
    image.refresh_from_db()
    assert image.default_alt_text == "The minister speaks at a podium"
