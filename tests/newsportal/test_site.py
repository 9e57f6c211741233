"""Languages, the language switcher, error pages, robots.txt and the page frame."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.utils import translation

from newsportal.views import server_error

TEMPLATES = Path(settings.BASE_DIR) / "templates"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "accept, language",
    [
        ("fr-BE,fr;q=0.9,en;q=0.5", "fr"),
        ("de-DE,de;q=0.9", "de"),
        ("en-GB,en;q=0.8", "en"),
        ("nl-BE,nl;q=0.9,fr;q=0.5", "nl"),
        ("es-ES,es;q=0.9", "nl"),
        ("", "nl"),
    ],
)
def test_root_redirects_by_accept_language(client, site_structure, accept, language):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_fallback_language_follows_the_setting(client, site_structure, settings):
    settings.LANGUAGE_CODE = "fr"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert response["Location"] == "/fr/"


@pytest.mark.django_db
def test_unknown_language_prefix_is_not_found(client, site_structure):
    # Straight away: no detour through /nl/es/.
    assert client.get("/es/").status_code == 404
    assert client.get("/pt-br/nieuws/").status_code == 404
    assert client.get("/xx/nieuws/", follow=True).status_code == 404


@pytest.mark.django_db
def test_unprefixed_paths_still_redirect_to_the_default_language(client, site_structure):
    response = client.get("/feeds/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response["Location"] == "/fr/feeds/"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_404_in_the_language_of_the_prefix(client, site_structure, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert '<meta name="robots" content="noindex">' in html
    # The switcher leads to the home pages, not to the same missing page.
    assert "/no-such-page/" not in html.split('class="language-switcher"', 1)[1].split("</nav>")[0]
    assert f'href="/{language}/"' in html


@pytest.mark.django_db
def test_404_translated(client, site_structure):
    with translation.override("fr"):
        title = translation.gettext("Page not found")
    assert title in client.get("/fr/no-such-page/").content.decode()


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_500_touches_no_database(language):
    # No django_db mark: pytest-django makes any database access fail this test.
    request = RequestFactory().get(f"/{language}/broken/")
    with translation.override(language):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    # The message in every language, the visitor's first.
    sections = re.findall(r'<section lang="(\w\w)">', html)
    assert sections[0] == language
    assert sorted(sections) == ["de", "en", "fr", "nl"]
    for code in ("fr", "nl", "de", "en"):
        assert f'href="/{code}/"' in html


@pytest.mark.django_db
def test_500_handler_is_used_for_errors(client, site_structure, monkeypatch):
    from core.models import HomePage

    def broken(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(HomePage, "get_context", broken)
    client.raise_request_exception = False
    response = client.get("/de/")
    assert response.status_code == 500
    assert '<section lang="de">' in response.content.decode()


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert client.get("/sitemap.xml").status_code == 200


@pytest.mark.django_db
def test_page_frame_accessibility_landmarks(client, site_structure):
    html = client.get("/nl/").content.decode()
    assert re.search(r'<a class="skip-link" href="#main">', html)
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html
    assert re.search(r'<nav class="main-nav" aria-label="[^"]+">', html)
    assert re.search(r'<nav class="language-switcher" aria-label="[^"]+">', html)
    # The current language is marked, every other is a link in its own language.
    assert re.search(r'aria-current="true" lang="nl"', html)
    for code in ("fr", "de", "en"):
        assert re.search(rf'href="/{code}/" hreflang="{code}" lang="{code}"', html)
    assert 'aria-current="page"' in html  # "Home" in the main menu
    assert len(re.findall(r"<h1[\s>]", html)) == 1


@pytest.mark.django_db
def test_switcher_outside_pages_keeps_the_view(client, site_structure):
    html = client.get("/fr/feeds/").content.decode()
    switcher = html.split('class="language-switcher"', 1)[1].split("</nav>")[0]
    assert 'href="/nl/feeds/"' in switcher
    assert 'href="/de/feeds/"' in switcher


@pytest.mark.django_db
def test_no_third_party_assets(client, site_structure):
    html = client.get("/nl/").content.decode()
    for tag in re.findall(r"<(?:link|script|img)\b[^>]*>", html):
        for url in re.findall(r'(?:href|src)="([^"]+)"', tag):
            assert not url.startswith(("http://", "https://", "//")) or url.startswith(
                "http://testserver/"
            ), tag


def test_templates_use_static_tag_only():
    """Static files have hashed names in production: a literal /static/ path would break."""
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if re.search(r"""(?:href|src)=["']/static/""", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_stylesheets_and_script_exist():
    from django.contrib.staticfiles import finders

    for name in ("css/site.css", "css/print.css", "js/site.js"):
        assert finders.find(name), name
    print_css = Path(finders.find("css/print.css")).read_text()
    assert ".language-switcher" in print_css and "attr(href)" in print_css
