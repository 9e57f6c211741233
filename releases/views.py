from django.shortcuts import render
from django.utils import translation
from wagtail.models import Locale

from .models import CouncilIndexPage, NewsIndexPage

SECTIONS = {"news": NewsIndexPage, "council": CouncilIndexPage}


def section_page(section, language=None):
    model = SECTIONS[section]
    locale = Locale.objects.filter(language_code=language or translation.get_language()).first()
    return model.objects.live().filter(locale=locale).first() if locale else None


def feeds_page(request):
    return render(request, "releases/feeds.html", {})


def news_listing(request, index_page):
    from .query import live_releases

    releases = live_releases(locale=index_page.locale).order_by("-published_at")[:20]
    return index_page.render(request, context_overrides={"releases": releases})
