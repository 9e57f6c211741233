"""What lists keep per process to render their items quickly: a date's `<time>` element and a
page's URL parts. Each must give what Django and Wagtail give, in every language, time zone,
script prefix and after a page moves."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import set_script_prefix
from django.utils import timezone, translation
from wagtail.models import Page

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "nl", "de", "en")


def render(source, **context):
    return Template(source).render(Context(context))


@pytest.mark.parametrize("language", LANGUAGES)
def test_time_element_says_what_the_date_filters_say(language):
    value = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 in Brussels: summer time began
    with translation.override(language):
        expected = render(
            """<time datetime="{{ v|date:'c' }}">{{ v|date:"DATETIME_FORMAT" }}</time>""", v=value
        )
        for _ in range(2):  # the second from what was kept
            assert render("{% time_element v %}", v=value) == expected
        assert render('{% time_element v "DATE_FORMAT" %}', v=value) == (
            render(
                """<time datetime="{{ v|date:'c' }}">{{ v|date:"DATE_FORMAT" }}</time>""", v=value
            )
        )
    assert 'datetime="2026-03-29T03:30:00+02:00"' in expected


def test_time_element_follows_the_active_language_and_time_zone():
    value = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)
    source = '{% time_element v "DATETIME_FORMAT" "card__date" %}'
    with translation.override("fr"):
        french = render(source, v=value)
        with timezone.override("America/New_York"):
            new_york = render(source, v=value)
    with translation.override("nl"):
        dutch = render(source, v=value)
    assert french.startswith('<time class="card__date" datetime="2026-12-05T00:30:00+01:00">')
    assert "5 décembre 2026" in french
    assert "5 december 2026" in dutch
    assert 'datetime="2026-12-04T18:30:00-05:00"' in new_york
    assert "4 décembre 2026" in new_york


@pytest.mark.parametrize("language", LANGUAGES)
def test_time_element_of_a_date(language):
    value = date(2026, 12, 4)
    with translation.override(language):
        expected = render(
            """<time datetime="{{ v|date:'c' }}">{{ v|date:"DATE_FORMAT" }}</time>""", v=value
        )
        assert render('{% time_element v "DATE_FORMAT" %}', v=value) == expected
    assert 'datetime="2026-12-04"' in expected


def test_time_element_of_nothing_is_empty():
    assert render("{% time_element v %}", v=None) == ""


def test_time_element_escapes_its_class():
    html = render('{% time_element v "DATE_FORMAT" klass %}', v=timezone.now(), klass='a"><b')
    assert 'class="a&quot;&gt;&lt;b"' in html


def wagtail_url(page, request=None):
    """The URL Wagtail itself works out, nothing kept."""
    parts = Page.get_url_parts(page, request)
    return parts[1] + parts[2]


@pytest.mark.parametrize("active", LANGUAGES)
def test_release_urls_are_wagtails_in_every_active_language(factories, site_structure, active):
    releases = [factories.release(language=language) for language in LANGUAGES]
    request = RequestFactory().get("/", HTTP_HOST="testserver")
    with translation.override(active):
        for release in releases:
            for _ in range(2):
                assert release.get_full_url(request) == wagtail_url(release, request)
            language = release.locale.language_code
            assert release.get_url(request).startswith(f"/{language}/")


def test_a_moved_release_has_its_new_url(factories, site_structure):
    release = factories.release(language="fr", slug="avant")
    before = release.get_url()
    release.slug = "apres"
    release.save_revision().publish()
    moved = type(release).objects.get(pk=release.pk)
    assert before.endswith("/avant/")
    assert moved.get_url().endswith("/apres/")
    assert moved.get_url() == wagtail_url(moved).removeprefix("http://testserver")


def test_release_urls_follow_the_script_prefix(factories, site_structure):
    release = factories.release(language="nl")
    plain = release.get_url()
    set_script_prefix("/portal/")
    try:
        assert release.get_url() == "/portal" + plain
    finally:
        set_script_prefix("/")
    assert release.get_url() == plain
