"""Photo metadata: read from real files (EXIF from Pillow, IPTC and XMP from pyexiv2) into the
image's rights on upload; GPS, serial numbers and the owner's name removed from the stored
original without touching its pixels; renditions carry none of it."""

import io
from datetime import datetime

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image

from core import photo_metadata
from core.image_rights import ImageRights

from . import samples

pytestmark = pytest.mark.django_db

PRIVATE = ("GPS", "Serial", "OwnerName", "MakerNote")


def assert_nothing_private(data):
    exif, iptc, xmp = samples.blocks(data)
    found = [key for key in [*exif, *xmp] if any(word in key for word in PRIVATE)]
    assert found == []
    raw = bytes(data)
    for secret in (b"CAM-SERIAL-0451", b"LENS-SERIAL-9917", b"XMP-SERIAL-77", b"Jan Private Owner"):
        assert secret not in raw


def test_exif_fills_creator_copyright_date_and_caption():
    found = photo_metadata.read_metadata(samples.jpeg())
    assert found["creator"] == "Jan Janssens"
    assert found["copyright"] == "(c) Jan Janssens 2025"
    assert found["caption"] == "EXIF description"
    assert found["date_taken"] == datetime(2025, 3, 14, 9, 26, 53)
    assert found["orientation"] == "landscape"


def test_iptc_fills_caption_credit_keywords_before_exif():
    found = photo_metadata.read_metadata(samples.with_iptc(samples.jpeg()))
    assert found["caption"] == "IPTC caption: the Prime Minister in Brussels"
    assert found["creator"] == "IPTC Photographer"
    assert found["credit"] == "Belga / IPTC Photographer"
    assert found["copyright"] == "IPTC copyright notice"
    assert found["keywords"] == ["government", "Brussels", "budget"]
    assert found["headline"] == "IPTC headline"
    # EXIF's DateTimeOriginal (to the second) before IPTC's day.
    assert found["date_taken"] == datetime(2025, 3, 14, 9, 26, 53)


def test_xmp_comes_first_and_keeps_accents():
    data = samples.with_xmp(samples.with_iptc(samples.jpeg()))
    found = photo_metadata.read_metadata(data)
    assert found["caption"] == "XMP caption: la Première ministre à Liège"
    assert found["creator"] == "Anne Dupont"
    assert found["credit"] == "Anne Dupont / FPS Chancellery"
    assert found["copyright"] == "© FPS Chancellery"
    assert found["keywords"] == ["Liège", "visite"]
    assert found["licence"] == "cc-by-4.0"
    assert found["headline"] == "XMP headline"


def test_png_xmp_and_portrait_orientation():
    found = photo_metadata.read_metadata(samples.png_with_xmp(size=(90, 120)))
    assert found["creator"] == "Anne Dupont"
    assert found["orientation"] == "portrait"


def test_unreadable_file_gives_empty_fields_not_an_error():
    found = photo_metadata.read_metadata(b"\xff\xd8\xff not really a jpeg")
    assert found["caption"] == "" and found["date_taken"] is None


def test_strip_private_keeps_pixels_and_credits():
    data = samples.with_xmp(samples.with_iptc(samples.jpeg()))
    cleaned = photo_metadata.strip_private(data)
    assert_nothing_private(cleaned)
    assert samples.pixels(cleaned) == samples.pixels(data)
    exif, iptc, xmp = samples.blocks(cleaned)
    assert exif["Exif.Image.Artist"] == "Jan Janssens"
    assert iptc["Iptc.Application2.Credit"] == "Belga / IPTC Photographer"
    assert xmp["Xmp.dc.creator"] == ["Anne Dupont"]


def test_upload_stores_a_clean_original_and_fills_the_rights(factories):
    data = samples.with_xmp(samples.with_iptc(samples.jpeg(size=(400, 300))))
    image = Image.objects.create(
        title="IMG_0001", file=ImageFile(io.BytesIO(data), name="IMG_0001.jpg")
    )
    image.refresh_from_db()
    with image.file.open("rb") as handle:
        stored = handle.read()
    assert_nothing_private(stored)
    assert samples.pixels(stored) == samples.pixels(data)
    assert image.file_size == len(stored)
    assert (image.width, image.height) == (400, 300)
    # An empty description takes the caption, a file-name title the headline.
    assert image.description == "XMP caption: la Première ministre à Liège"
    assert image.title == "XMP headline"
    rights = ImageRights.objects.get(image=image)
    assert rights.creator == "Anne Dupont"
    assert rights.credit == "Anne Dupont / FPS Chancellery"
    assert rights.copyright == "© FPS Chancellery"
    assert rights.licence == "cc-by-4.0"
    assert rights.keyword_list() == ["Liège", "visite"]
    assert rights.date_taken.year == 2025
    assert rights.orientation == "landscape"


def test_renditions_carry_no_gps_or_serials(factories):
    data = samples.with_xmp(samples.jpeg(size=(600, 400)))
    image = factories.photo("With GPS", data=data)
    for spec in ("width-300", "max-200x200|format-jpeg", "fill-100x100|format-webp"):
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as handle:
            assert_nothing_private(handle.read())


def test_gif_upload_is_kept_as_is(factories):
    buffer = io.BytesIO()
    PILImage.new("P", (20, 20)).save(buffer, "GIF")
    image = Image.objects.create(
        title="Logo",
        description="A logo",
        file=ImageFile(io.BytesIO(buffer.getvalue()), name="logo.gif"),
    )
    assert ImageRights.objects.get(image=image).orientation == "square"


def test_admin_upload_prefills_description_and_saves_edited_rights(admin_client):
    data = samples.with_iptc(samples.jpeg())
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Budget day",
            "description": "",
            "file": ImageFile(io.BytesIO(data), name="budget.jpg"),
            "caption": "",
            "creator": "",
            "credit": "Credit typed by the editor",
            "copyright": "",
            "licence": "editorial",
            "date_taken": "",
            "keywords": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    image = Image.objects.get(title="Budget day")
    # The description comes from the file's caption; what the editor typed wins; the rest
    # comes from the file.
    assert image.description == "IPTC caption: the Prime Minister in Brussels"
    rights = image.rights
    assert rights.credit == "Credit typed by the editor"
    assert rights.licence == "editorial"
    assert rights.creator == "IPTC Photographer"
    assert rights.caption == "IPTC caption: the Prime Minister in Brussels"

    # The edit form shows and changes them.
    url = reverse("wagtailimages:edit", args=[image.pk])
    page = admin_client.get(url)
    assert "Credit typed by the editor" in page.content.decode()
    response = admin_client.post(
        url,
        {
            "title": "Budget day",
            "description": "The minister holds the budget",
            "caption": "New caption",
            "creator": "Another photographer",
            "credit": "",
            "copyright": "",
            "licence": "cc-by-4.0",
            "date_taken": "",
            "keywords": "budget, parliament",
        },
    )
    assert response.status_code == 302
    rights = ImageRights.objects.get(image=image)
    assert (rights.caption, rights.creator, rights.credit) == (
        "New caption",
        "Another photographer",
        "",
    )
    assert rights.credit_line == "Another photographer"
    assert rights.keyword_list() == ["budget", "parliament"]


def test_admin_upload_without_description_or_caption_is_refused(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "No words",
            "description": "",
            "file": ImageFile(io.BytesIO(samples.jpeg(exif=False)), name="x.jpg"),
        },
    )
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert not Image.objects.filter(title="No words").exists()


def test_last_resort_reencoding_keeps_no_metadata():
    """For a file whose metadata libexiv2 cannot rewrite, the upload keeps the pixels saved
    again without any metadata."""
    for data in (samples.with_xmp(samples.jpeg()), samples.png_with_xmp()):
        again = photo_metadata.reencode_without_metadata(data)
        exif, iptc, xmp = samples.blocks(again)
        assert (exif, iptc, xmp) == ({}, {}, {})
        assert PILImage.open(io.BytesIO(again)).size == PILImage.open(io.BytesIO(data)).size
    assert photo_metadata.reencode_without_metadata(b"not an image") is None
