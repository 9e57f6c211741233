"""The skeleton every site needs: a locale per language and, in each, a home page with the
sections of the navigation (the news listing and the Council of Ministers section, declared by
releases), and the Wagtail Site at the site's address. Idempotent; `manage.py setup` (every
deploy, and `make run`), demo content and tests build on it."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from .navigation import sections
from .pages import HomePage

# The home page of each language; the sections under it say their own titles
# (`section_titles` of the page classes, see core.navigation.sections).
HOME_TITLES = {code: ("news.belgium", code) for code in ("fr", "nl", "de", "en")}


def _publish(page):
    page.save_revision().publish()
    return page


def _create(parent, model, title_and_slug, translation_of=None, locale=None):
    title, slug = title_and_slug
    page = model(title=title, slug=slug, locale=locale or parent.locale)
    if translation_of is not None:
        # Same translation key: Wagtail treats the pages as translations of one another.
        page.translation_key = translation_of.translation_key
    parent.add_child(instance=page)
    return _publish(page)


def site_address(base_url=None):
    """(hostname, port) of the site's absolute URL (BASE_URL, i.e. WAGTAILADMIN_BASE_URL): the
    Wagtail Site record builds every full URL (feeds, sitemaps, Wagtail's emails) from them."""
    base_url = base_url or settings.WAGTAILADMIN_BASE_URL
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(
            f"BASE_URL must be an absolute http(s) URL such as https://news.example.be, "
            f"not {base_url!r}."
        )
    try:
        port = parts.port
    except ValueError as error:
        raise ImproperlyConfigured(f"BASE_URL {base_url!r}: {error}.") from error
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


@transaction.atomic
def ensure_site_structure(hostname=None, port=None):
    """The page skeleton, and the default Site at `hostname`:`port` (by default BASE_URL's;
    a hostname alone: port 80), moved there if it was elsewhere."""
    if hostname is None:
        hostname, default_port = site_address()
        port = port or default_port
    port = port or 80
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
    }
    root = Page.get_first_root_node()
    if root is None:
        # A flushed database (transactional tests) has lost the root that Wagtail's migrations made.
        root = Page.add_root(
            instance=Page(title="Root", slug="root", locale=locales[settings.LANGUAGE_CODE])
        )
    if not Collection.get_first_root_node():
        # Lost the same way; images, documents and their permissions hang from it.
        Collection.add_root(name="Root")
    default_code = settings.LANGUAGE_CODE
    codes = [default_code] + [c for c in settings.LANGUAGE_CODES if c != default_code]

    homes = {}
    for code in codes:
        homes[code] = HomePage.objects.filter(locale=locales[code]).first() or _create(
            root, HomePage, HOME_TITLES[code], homes.get(default_code), locale=locales[code]
        )
    # Wagtail's own welcome page goes once our home pages stand.
    Page.objects.filter(
        depth=2, content_type__app_label="wagtailcore", content_type__model="page"
    ).delete()

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True, hostname=hostname, port=port)
    if (
        site.pk is None
        or site.root_page_id != homes[default_code].pk
        or (site.hostname, site.port) != (hostname, port)
    ):
        site.root_page = homes[default_code]
        site.hostname, site.port = hostname, port
        site.site_name = site.site_name or "news.belgium"
        site.save()

    for model in sections().values():
        if not model.section_titles:
            continue
        source = None
        for code in codes:
            page = model.objects.filter(locale=locales[code]).first() or _create(
                homes[code], model, model.section_titles[code], source
            )
            source = source or page
    return homes
