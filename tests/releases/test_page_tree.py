"""The page tree rules: which page type an editor can add under which, for every page type of the
site. A page type added without a rule here, or a rule changed in a model, fails this test."""

from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase

from core.pages import ContentPage, HomePage
from photos.models import PhotoReportIndexPage, PhotoReportPage
from releases.models import (
    CouncilIndexPage,
    CouncilMeetingPage,
    NewsIndexPage,
    PressReleasePage,
)

# Each page type and the page types an editor can add under it. Wagtail's root page (not a page
# an editor creates) takes only the language homes.
SUBPAGES = {
    Page: {HomePage},
    HomePage: {NewsIndexPage, CouncilIndexPage, ContentPage, PhotoReportIndexPage},
    NewsIndexPage: {PressReleasePage},
    CouncilIndexPage: {CouncilMeetingPage},
    CouncilMeetingPage: {PressReleasePage},
    PressReleasePage: set(),
    ContentPage: set(),
    PhotoReportIndexPage: {PhotoReportPage},
    PhotoReportPage: set(),
}
SITE_PAGE_TYPES = [model for model in SUBPAGES if model is not Page]


def parents_of(child):
    return {parent for parent, children in SUBPAGES.items() if child in children}


def name(model):
    return model._meta.label


class PageTreeTests(WagtailPageTestCase):
    def test_every_page_type_has_its_rules_here(self):
        self.assertEqual(set(get_page_models()), set(SUBPAGES))

    def test_allowed_subpage_types(self):
        for parent in SITE_PAGE_TYPES:
            with self.subTest(parent=name(parent)):
                self.assertAllowedSubpageTypes(parent, SUBPAGES[parent])

    def test_allowed_parent_page_types(self):
        for child in SITE_PAGE_TYPES:
            with self.subTest(child=name(child)):
                self.assertAllowedParentPageTypes(child, parents_of(child))

    def test_each_page_type_only_where_the_rules_say(self):
        for parent in SUBPAGES:
            for child in SITE_PAGE_TYPES:
                with self.subTest(parent=name(parent), child=name(child)):
                    if child in SUBPAGES[parent]:
                        self.assertCanCreateAt(parent, child)
                    else:
                        self.assertCanNotCreateAt(parent, child)
