"""Downloads: a photo as original and web size with its credit, copyright, licence and caption
in the file's IPTC and XMP; a report as a ZIP streamed while written (read back with zipfile,
with its UTF-8 credits file), in bounded memory; validators for revalidation; nothing of a
report that is not live and public."""

import io
import tracemalloc
import zipfile

import pytest
from django.urls import reverse
from PIL import Image as PILImage

from core.image_rights import ImageRights

from . import samples

pytestmark = pytest.mark.django_db


def download_url(image, size):
    return reverse("photos:photo_download", kwargs={"image_id": image.pk, "size": size})


def zip_url(report):
    return reverse("photos:report_zip", kwargs={"page_id": report.pk})


@pytest.fixture
def report(factories):
    data = samples.with_xmp(samples.jpeg(size=(3000, 2000)))
    photo = factories.photo("Arrival", data=data, description="The minister arrives")
    assert photo.title == "XMP headline"  # a file-name title gives way to the file's headline
    photo.title = "Arrival"
    photo.save()
    ImageRights.objects.filter(image=photo).update(
        credit="Belga / Zoë Peeters", copyright="© Belga 2025", licence="cc-by-4.0",
        caption="Arrivée de la ministre à Liège",
    )  # fmt: skip
    plain = factories.photo("Plain", description="A plain photo")
    return factories.photo_report(
        title="Visite à Liège", slug="visite-liege", images=[photo, plain],
        photographer="Jan Janssens", licence="editorial", language="fr",
    )  # fmt: skip


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_original_download_carries_the_rights_and_nothing_private(client, report):
    photo = report.photos.order_by("sort_order").first()
    response = client.get(download_url(photo.image, "original"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'attachment; filename="arrival.jpg"'
    data = body(response)
    exif, iptc, xmp = samples.blocks(data)
    assert iptc["Iptc.Application2.Credit"] == "Belga / Zoë Peeters"
    assert iptc["Iptc.Application2.Copyright"] == "© Belga 2025"
    assert iptc["Iptc.Application2.Caption"] == "Arrivée de la ministre à Liège"
    assert xmp["Xmp.photoshop.Credit"] == "Belga / Zoë Peeters"
    assert xmp["Xmp.xmpRights.WebStatement"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "CC BY 4.0" in xmp["Xmp.xmpRights.UsageTerms"]['lang="x-default"']
    assert not [key for key in [*exif, *xmp] if "GPS" in key or "Serial" in key]
    assert PILImage.open(io.BytesIO(data)).size == (3000, 2000)


def test_web_download_is_a_2048_jpeg_with_the_rights(client, report):
    photo = report.photos.order_by("sort_order").last()  # no rights of its own: the report's
    response = client.get(download_url(photo.image, "web"))
    data = body(response)
    assert response["Content-Disposition"] == 'attachment; filename="plain-2048.jpg"'
    picture = PILImage.open(io.BytesIO(data))
    assert picture.format == "JPEG"
    assert picture.size == (320, 200)  # never enlarged
    _exif, iptc, xmp = samples.blocks(data)
    assert iptc["Iptc.Application2.Credit"] == "Jan Janssens"
    assert "Free for editorial use" in xmp["Xmp.xmpRights.UsageTerms"]['lang="x-default"']
    big = report.photos.order_by("sort_order").first()
    picture = PILImage.open(io.BytesIO(body(client.get(download_url(big.image, "web")))))
    assert picture.size == (2048, 1365)


def test_revalidation_answers_304(client, report):
    photo = report.photos.first()
    for url in (download_url(photo.image, "original"), zip_url(report)):
        response = client.get(url)
        body(response)
        assert response["ETag"] and response["Last-Modified"]
        assert f"tk-{report.translation_key}" in response["xkey"]
        again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304


def test_nothing_of_a_draft_or_private_report_downloads(client, factories):
    draft = factories.photo_report(publish=False)
    image = draft.photos.first().image
    assert client.get(download_url(image, "original")).status_code == 404
    assert client.get(download_url(image, "web")).status_code == 404
    assert client.get(zip_url(draft)).status_code == 404
    assert client.get(download_url(image, "huge")).status_code == 404
    # An image in no report at all.
    loose = factories.photo("Loose")
    assert client.get(download_url(loose, "original")).status_code == 404


def test_report_zip_streams_the_originals_and_the_credits(client, report):
    response = client.get(zip_url(report))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="visite-liege.zip"'
    archive = zipfile.ZipFile(io.BytesIO(body(response)))
    assert archive.testzip() is None
    assert archive.namelist() == ["001-arrival.jpg", "002-plain.jpg", "credits.txt"]
    credits = archive.read("credits.txt").decode("utf-8")
    assert "Visite à Liège" in credits
    assert "Arrivée de la ministre à Liège" in credits
    assert "Belga / Zoë Peeters" in credits and "© Belga 2025" in credits
    assert "https://creativecommons.org/licenses/by/4.0/" in credits
    _exif, iptc, _xmp = samples.blocks(archive.read("001-arrival.jpg"))
    assert iptc["Iptc.Application2.Credit"] == "Belga / Zoë Peeters"


def test_report_zip_memory_stays_far_below_its_size(client, factories):
    """Eight originals of ~3 MB each: the ZIP is ~25 MB, the process's Python allocations
    while streaming it stay at a few photos' worth."""
    images = [
        factories.photo(f"Large {n}", data=samples.jpeg(size=(1600, 1200), noise=True, quality=98))
        for n in range(8)
    ]
    report = factories.photo_report(images=images, language="en")
    total = sum(image.file_size for image in images)
    assert total > 20 * 1024 * 1024
    response = client.get(zip_url(report))
    tracemalloc.start()
    try:
        size = 0
        for chunk in response.streaming_content:
            size += len(chunk)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert size > total
    largest = max(image.file_size for image in images)
    assert peak < 4 * largest, (peak, largest, size)
    assert peak < size / 2
