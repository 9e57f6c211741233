"""The skeleton every site needs: a locale per language and, in each, a home page with the news
listing and the Council of Ministers section. Idempotent; demo content and tests build on it."""

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from .models import CouncilIndexPage, HomePage, NewsIndexPage

SECTION_TITLES = {
    "fr": {
        "home": ("news.belgium", "fr"),
        "news": ("Actualités", "actualites"),
        "council": ("Conseil des ministres", "conseil-des-ministres"),
    },
    "nl": {
        "home": ("news.belgium", "nl"),
        "news": ("Nieuws", "nieuws"),
        "council": ("Ministerraad", "ministerraad"),
    },
    "de": {
        "home": ("news.belgium", "de"),
        "news": ("Nachrichten", "nachrichten"),
        "council": ("Ministerrat", "ministerrat"),
    },
    "en": {
        "home": ("news.belgium", "en"),
        "news": ("News", "news"),
        "council": ("Council of Ministers", "council-of-ministers"),
    },
}


def _publish(page):
    page.save_revision().publish()
    return page


def _create(parent, model, code, section, translation_of=None, locale=None):
    title, slug = SECTION_TITLES[code][section]
    page = model(title=title, slug=slug, locale=locale or parent.locale)
    if translation_of is not None:
        # Same translation key: Wagtail treats the pages as translations of one another.
        page.translation_key = translation_of.translation_key
    parent.add_child(instance=page)
    return _publish(page)


@transaction.atomic
def ensure_site_structure(hostname="localhost", port=80):
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
            root, HomePage, code, "home", homes.get(default_code), locale=locales[code]
        )
    # Wagtail's own welcome page goes once our home pages stand.
    Page.objects.filter(
        depth=2, content_type__app_label="wagtailcore", content_type__model="page"
    ).delete()

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True, hostname=hostname, port=port)
    if site.pk is None or site.root_page_id != homes[default_code].pk:
        site.root_page = homes[default_code]
        site.site_name = "news.belgium"
        site.save()

    for section, model in (("news", NewsIndexPage), ("council", CouncilIndexPage)):
        source = None
        for code in codes:
            page = model.objects.filter(locale=locales[code]).first() or _create(
                homes[code], model, code, section, source
            )
            source = source or page
    return homes
