"""The public photo library: the section in each language, the listing with its filters,
search and pages, a report with its photos, credits and downloads; nothing that is not live and
public; hostile parameters; bounded queries; a release embedding a report."""

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from core.image_rights import ImageRights
from photos.models import PhotoReportIndexPage, PhotoReportPage
from tests.newsportal.test_hostile_input import RAW, VALUES, encoded

pytestmark = pytest.mark.django_db

SECTION_URLS = {"fr": "/fr/photos/", "nl": "/nl/fotos/", "de": "/de/fotos/", "en": "/en/photos/"}


def rights(image, **fields):
    rights, _created = ImageRights.objects.get_or_create(image=image)
    for name, value in fields.items():
        setattr(rights, name, value)
    rights.save()
    return rights


def test_section_under_each_home_and_in_the_navigation(client, site_structure):
    for language, url in SECTION_URLS.items():
        section = PhotoReportIndexPage.objects.get(locale__language_code=language)
        assert section.get_url() == url
        response = client.get(url)
        assert response.status_code == 200
        assert f'href="{url}"' in response.content.decode()
    assert "photos-nl" in client.get(SECTION_URLS["nl"])["xkey"]


def test_report_page_shows_facts_photos_credits_and_download_links(client, factories):
    theme = factories.theme()
    one = factories.photo("Minister arrives", description="The minister gets out of the car")
    two = factories.photo("Press conference", description="The minister speaks to the press")
    rights(one, credit="Belga / Anne Dupont", licence="cc-by-4.0", caption="Arrival at 9:00")
    report = factories.photo_report(
        title="Visit to Liège",
        event="Royal visit",
        place="Liège",
        photographer="Anne Dupont",
        licence="editorial",
        description="The King visits the university.",
        images=[one, two],
        themes=[theme],
        language="en",
    )
    response = client.get(report.url)
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("Visit to Liège", "Royal visit", "Liège", "Anne Dupont", theme.name_en,
                 "The King visits the university."):  # fmt: skip
        assert text in html
    # Photo one: its own credit and licence; photo two: the report's photographer and licence.
    assert "Credit: Belga / Anne Dupont" in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html
    assert "Credit: Anne Dupont" in html
    assert "Arrival at 9:00" in html
    # Alt text is the image description; the gallery is a list; the links name file and size.
    assert 'alt="The minister gets out of the car"' in html
    assert '<ul class="photo-list" role="list">' in html
    assert reverse("photos:photo_download", kwargs={"image_id": one.pk, "size": "original"}) in html
    assert reverse("photos:photo_download", kwargs={"image_id": one.pk, "size": "web"}) in html
    assert "minister-arrives.jpg" in html and "minister-arrives-2048.jpg" in html
    assert "320 × 200 pixels" in html
    assert reverse("photos:report_zip", kwargs={"page_id": report.pk}) in html
    assert f"tk-{report.translation_key}" in response["xkey"]


def test_draft_private_and_expired_reports_are_not_shown(client, factories):
    draft = factories.photo_report(title="Draft report", publish=False)
    private = factories.photo_report(title="Private report")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    listing = client.get(SECTION_URLS["nl"]).content.decode()
    assert "Draft report" not in listing and "Private report" not in listing
    assert client.get(f"/nl/fotos/{draft.slug}/").status_code == 404
    # The password form, not the report.
    assert 'class="photo-list"' not in client.get(private.url).content.decode()


def test_listing_filters_search_and_pages(client, factories, settings):
    settings.RELEASES_PER_PAGE = 2
    health, culture = factories.theme(slug="health"), factories.theme(slug="culture")
    finance = factories.publisher(slug="finance")
    factories.photo_report(
        title="Hospital opening", date=date(2025, 1, 10), themes=[health], language="en"
    )
    factories.photo_report(
        title="Budget press conference", date=date(2025, 2, 10), publisher=finance, language="en"
    )
    factories.photo_report(
        title="Museum night", date=date(2025, 3, 10), themes=[culture],
        description="Night at the Magritte museum", language="en",
    )  # fmt: skip
    url = SECTION_URLS["en"]

    def titles(query=""):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200
        html = response.content.decode()
        return [t for t in ("Hospital opening", "Budget press conference", "Museum night")
                if t in html]  # fmt: skip

    assert titles() == ["Budget press conference", "Museum night"]  # newest first, page 1 of 2
    assert titles("page=2") == ["Hospital opening"]
    assert titles("publisher=finance") == ["Budget press conference"]
    assert titles("theme=health") == ["Hospital opening"]
    assert titles("from=2025-02-01&to=2025-02-28") == ["Budget press conference"]
    assert titles("q=Magritte") == ["Museum night"]
    assert titles("q=budget") == ["Budget press conference"]
    response = client.get(f"{url}?publisher=nobody&from=yesterday")
    assert response.status_code == 200
    assert "cannot be used and was ignored" in response.content.decode()
    assert client.get(f"{url}?page=99").status_code == 404


def test_hostile_parameters_never_give_a_server_error(client, factories):
    factories.photo_report()
    url = SECTION_URLS["fr"]
    for name in ("q", "publisher", "theme", "from", "to", "page"):
        for value in [encoded(v) for v in VALUES] + RAW:
            response = client.get(f"{url}?{name}={value}")
            assert response.status_code in (200, 400, 404), (name, value)
            assert b"<script>alert(1)</script>" not in response.content
    for value in ["x", "-1", "99999999999999999999", "%ff"]:
        assert client.get(f"/fr/photo-download/{value}/web/").status_code == 404
        assert client.get(f"/fr/photo-report/{value}/zip/").status_code == 404
    assert client.get("/fr/photo-download/1/<script>/").status_code == 404


def test_listing_and_report_queries_do_not_grow_with_photos(
    client, factories, django_assert_max_num_queries
):
    few = factories.photo_report(images=[factories.photo("a")], language="en")
    url = SECTION_URLS["en"]
    client.get(url)
    client.get(few.url)
    with django_assert_max_num_queries(20) as counted:
        client.get(url)
    small_listing = len(counted)  # read now: the next request empties Django's query log
    with django_assert_max_num_queries(25) as counted:
        client.get(few.url)
    small_report = len(counted)
    many = factories.photo_report(
        images=[factories.photo(f"p{n}") for n in range(12)], language="en"
    )
    for image in many.photos.all():
        rights(image.image, credit="Belga")
    for n in range(4):
        factories.photo_report(
            images=[factories.photo(f"q{n}-{m}") for m in range(3)], language="en"
        )
    client.get(url)
    client.get(many.url)
    with django_assert_max_num_queries(small_listing):
        client.get(url)
    with django_assert_max_num_queries(small_report):
        response = client.get(many.url)
    assert response.content.decode().count("Credit: Belga") == 12


def test_publishing_a_photo_without_alt_text_is_refused(factories):
    undescribed = factories.photo("IMG_2034", description="")
    report = factories.photo_report(publish=False, images=[undescribed])
    # In English whatever language an earlier test in this process left active.
    with translation.override("en"), pytest.raises(Exception) as caught:
        report.save_revision().publish()
    assert "IMG_2034" in str(caught.value)
    assert "description (alt text)" in str(caught.value)
    assert not PhotoReportPage.objects.get(pk=report.pk).live


def test_release_embeds_a_report_with_credits(client, factories):
    one = factories.photo("Embedded one", description="First embedded photo")
    rights(one, credit="Belga / Embedded")
    report = factories.photo_report(title="Embedded report", images=[one], language="en")
    body = [{"type": "photo_report", "value": {"report": report.pk, "title": "", "limit": None}}]
    release = factories.release(body=json.dumps(body), language="en")
    response = client.get(release.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Embedded report" in html
    assert "Credit: Belga / Embedded" in html
    assert 'alt="First embedded photo"' in html
    assert f'href="{report.url}"' in html
    # Republishing the report purges the release.
    assert f"tk-{report.translation_key}" in response["xkey"]
    # Unpublished, the report disappears from the release.
    report.unpublish()
    html = client.get(release.url).content.decode()
    assert "Embedded report" not in html


def test_release_images_show_their_rights_without_more_queries(
    client, factories, django_assert_max_num_queries
):
    def release_with(images):
        body = [
            {
                "type": "gallery",
                "value": {
                    "title": "Gallery",
                    "images": [
                        {
                            "image": {"image": image.pk, "alt_text": "x", "decorative": False},
                            "caption": "",
                            "credit": "",
                        }
                        for image in images
                    ],
                },
            }
        ]
        return factories.release(body=json.dumps(body), language="en")

    small = release_with([factories.photo("s1")])
    client.get(small.url)
    with django_assert_max_num_queries(40) as counted:
        client.get(small.url)
    small_count = len(counted)
    images = [factories.photo(f"b{n}") for n in range(10)]
    for image in images:
        rights(image, credit="Reuters", licence="editorial")
    big = release_with(images)
    client.get(big.url)
    with django_assert_max_num_queries(small_count):
        html = client.get(big.url).content.decode()
    assert html.count("Credit: Reuters") == 10
    assert html.count("Free for editorial use") == 10


def test_api_gives_each_image_its_credit_and_licence(client, factories):
    image = factories.photo("API photo", description="For the API")
    rights(image, credit="Belga / API", copyright="© Belga", licence="cc-by-4.0")
    body = [
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "x", "decorative": False},
                "caption": "",
                "credit": "",
            },
        }
    ]
    release = factories.release(body=json.dumps(body), language="en")
    media = client.get(f"/api/v1/releases/{release.pk}/").json()["media"]
    assert media[0]["credit"] == "Belga / API"
    assert media[0]["copyright"] == "© Belga"
    assert media[0]["licence"] == "cc-by-4.0"
    assert media[0]["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"


def test_a_translated_report_shares_its_photos(client, factories):
    one = factories.photo("Shared one", description="Shared photo")
    report = factories.photo_report(title="Bezoek aan Luik", images=[one], language="nl")
    french = factories.translation_of(report, "fr", title="Visite à Liège", slug="visite-liege")
    assert french.get_parent().specific_class is PhotoReportIndexPage
    assert french.url == "/fr/photos/visite-liege/"
    assert [photo.image_id for photo in french.photos.all()] == [one.pk]
    assert french.publisher_id == report.publisher_id
    html = client.get(french.url).content.decode()
    assert "Visite à Liège" in html and 'alt="Shared photo"' in html
    assert client.get(SECTION_URLS["fr"]).content.decode().count("Visite à Liège") == 1


def test_demo_content_has_photo_reports(client):
    call_command("seed_demo", admin_password="pw", stdout=io.StringIO())
    reports = PhotoReportPage.objects.live()
    assert reports.filter(locale__language_code="fr").count() == 2
    assert reports.filter(locale__language_code="de").count() == 1
    report = reports.get(locale__language_code="en", title__contains="Mardasson")
    html = client.get(report.url).content.decode()
    assert html.count('class="photo-list__item"') == 3
    assert "Free for editorial use" in html
    assert client.get(SECTION_URLS["en"]).content.decode().count('class="report-card"') == 2
    call_command("seed_demo", admin_password="pw", stdout=io.StringIO())
    assert PhotoReportPage.objects.count() == 7
