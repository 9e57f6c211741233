"""The pages every site has whatever it publishes: a home page per language and plain content
pages (accessibility statement, privacy, terms of use), and what page classes of other apps
mix in to take part in the navigation and in the page permission rules.

Their tables keep the names they had in `releases` (see migration core 0002)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PagePermissionTester
from wagtail.search import index

from .navigation import NavigationSectionMixin
from .public import PublicPageManager
from .rich_text import RICH_TEXT_FEATURES

# Wagtail hooks this module calls; apps above core register functions for them.
HOME_PAGE_CONTEXT_HOOK = "construct_home_page_context"
PAGE_PERMISSION_TESTER_HOOK = "page_permission_tester"


class HookedPermissionsMixin:
    """Wagtail asks `permissions_for_user` for every admin action on a page. An app with its own
    rules (releases: communicators act for their publishers only) registers a tester class
    under PAGE_PERMISSION_TESTER_HOOK; the last one registered wins, Wagtail's otherwise."""

    def permissions_for_user(self, user):
        testers = hooks.get_hooks(PAGE_PERMISSION_TESTER_HOOK)
        tester_class = testers[-1] if testers else PagePermissionTester
        return tester_class(user, self)


class OwnPermissionRulesMixin:
    """A page type whose permission rules are its own (an app above releases with its own
    people, e.g. photographers): its `permission_tester_class` answers `permissions_for_user`,
    and the apps that check every page type's actions (releases' admin hooks) ask it too
    instead of their own tester (see `permission_tester`)."""

    has_own_permission_rules = True
    permission_tester_class = PagePermissionTester

    def permissions_for_user(self, user):
        return self.permission_tester_class(user, self)


def has_own_permission_rules(page):
    page_class = page.specific_class or type(page)
    return getattr(page_class, "has_own_permission_rules", False)


class HomePage(NavigationSectionMixin, HookedPermissionsMixin, Page):
    """The root of one language tree: /fr/, /nl/, /de/, /en/. What it shows besides its
    introduction comes from the apps registered under HOME_PAGE_CONTEXT_HOOK."""

    intro = models.TextField(_("introduction"), blank=True)

    objects = PublicPageManager()

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    # What goes under a home page is said by the children's `parent_page_types` (the news
    # listing, the Council section, content pages): core names no page type of another app.

    navigation_key = "homes"

    @classmethod
    def allowed_subpage_models(cls):
        # Only the page types that name the home page as their parent: not Wagtail's plain Page,
        # which accepts any parent.
        return [model for model in super().allowed_subpage_models() if model is not Page]

    class Meta:
        db_table = "releases_homepage"
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for construct in hooks.get_hooks(HOME_PAGE_CONTEXT_HOOK):
            construct(self, request, context)
        return context


class ContentPage(HookedPermissionsMixin, Page):
    """Plain pages: accessibility statement, privacy, terms of use."""

    listed_in_footer = True  # see core.navigation

    body = RichTextField(_("body"), features=RICH_TEXT_FEATURES + ["h2", "h3"])

    objects = PublicPageManager()

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["core.HomePage"]
    subpage_types = []

    class Meta:
        db_table = "releases_contentpage"
        verbose_name = _("content page")
