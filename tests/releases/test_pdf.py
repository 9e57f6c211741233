"""The PDF version of a release: made after publication through the outbox, stored per
release, language and revision, linked from the page, served as a download in the release's
language (text with its accents, the document language in the metadata, tagged), and never
for a withdrawn or unpublished release."""

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from core.outbox import OutboxEntry
from releases import pdf
from releases.models import PressReleasePage
from releases.withdrawal import withdraw

pypdf = pytest.importorskip("pypdf")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(pdf.weasyprint is None, reason=pdf.UNAVAILABLE or "no WeasyPrint"),
]

TITLES = {
    "fr": "Réforme fiscale adoptée à l'unanimité",
    "nl": "Belastinghervorming goedgekeurd: één akkoord",
    "de": "Steuerreform für Familien verabschiedet: Größere Zuschüsse",
    "en": "Tax reform adopted",
}


def pdf_url(page):
    with translation.override(page.locale.language_code):
        return reverse("releases:release_pdf", args=[page.pk])


def read(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_pdf_is_the_release_in_its_language(client, site_structure, factories, language):
    page = factories.release(
        language=language, title=TITLES[language], lead="Le résumé, naïve Größe."
    )
    html = client.get(page.url).content.decode()
    assert f'href="{pdf_url(page)}"' in html
    response = client.get(pdf_url(page))
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"{page.slug}.pdf" in response["Content-Disposition"]
    reader = read(response)
    text = " ".join(p.extract_text() for p in reader.pages)
    assert TITLES[language] in " ".join(text.split())
    root = reader.trailer["/Root"]
    assert root["/Lang"] == language
    assert "/StructTreeRoot" in root  # tagged
    assert "Download PDF" not in text and "PDF downloaden" not in text


def test_the_pdf_is_made_after_publication_and_kept_per_revision(
    site_structure, factories, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = factories.release(title="Budget")
    assert OutboxEntry.objects.filter(task_name=pdf.make_release_pdf.name).exists()
    first = pdf.pdf_name(page)
    assert default_storage.exists(first)
    with django_capture_on_commit_callbacks(execute=True):
        page = PressReleasePage.objects.get(pk=page.pk)
        page.title = "Budget (corrected)"
        page.save_revision().publish()
    page.refresh_from_db()
    second = pdf.pdf_name(page)
    assert second != first and default_storage.exists(second)
    assert not default_storage.exists(first)


def test_no_pdf_for_withdrawn_unpublished_or_other_language(client, site_structure, factories):
    withdrawn = factories.release(title="Withdrawn")
    url = pdf_url(withdrawn)
    assert client.get(url).status_code == 200
    withdraw(withdrawn, "Wrong.")
    assert client.get(url).status_code == 404
    assert "Download PDF" not in client.get(withdrawn.url).content.decode()
    unpublished = factories.release(title="Gone")
    unpublished.unpublish()
    assert client.get(pdf_url(unpublished)).status_code == 404
    draft = factories.release(title="Draft", publish=False)
    assert client.get(pdf_url(draft)).status_code == 404
    live = factories.release(title="Live", language="nl")
    assert client.get(pdf_url(live).replace("/nl/", "/fr/")).status_code == 404
