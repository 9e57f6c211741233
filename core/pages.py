"""The pages every site has whatever it publishes: a home page per language and plain content
pages (accessibility statement, privacy, terms of use), and what page classes of other apps
mix in to take part in the navigation and in the page permission rules.

Their tables keep the names they had in `releases` (see migration core 0002)."""

from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PagePermissionTester, PageViewRestriction
from wagtail.search import index

from .navigation import NavigationSectionMixin
from .public import PublicPageManager
from .rich_text import RICH_TEXT_FEATURES
from .url_context import reverse_context

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


class KeptUrlPartsMixin:
    """Wagtail works out a page's URL (`get_url_parts`) with a `reverse()` in the page's
    language each time; a list of twenty releases asks for twenty. The parts depend only on
    the page's path, the sites it belongs to, the active language, the script prefix and the
    URLconf, so they are kept per process under those (a moved page has a new path; a new or
    changed site, new root paths). A page of several sites depends on the request's site too:
    Wagtail's answer is not kept then.

    A dict rather than functools.lru_cache: the parts come from the page's own method, and the
    page is not part of the key."""

    _kept_url_parts = {}
    # Bounds the memory of the pages a process has linked to (a few hundred bytes each).
    KEPT_URL_PARTS_MAX = 20_000

    def get_url_parts(self, request=None):
        root_paths = self._get_relevant_site_root_paths(request)
        if len({root_path.site_id for root_path in root_paths}) > 1:
            return super().get_url_parts(request)
        key = (self.url_path, root_paths, *reverse_context())
        kept = self._kept_url_parts
        try:
            return kept[key]
        except KeyError:
            pass
        parts = super().get_url_parts(request)
        if len(kept) >= self.KEPT_URL_PARTS_MAX:
            kept.clear()
        kept[key] = parts
        return parts


class ViewRestrictionsInOneQueryMixin:
    """Wagtail checks the view restrictions of every page it serves: it reads the page's
    ancestors, then their restrictions (two queries). The same answer in one query: the
    restrictions of the page and of its ancestors (the paths that begin its own), an alias
    standing for its source page as in Wagtail (an alias's source is never an alias). Every
    page type of the site mixes it in (tests/core/test_view_restrictions.py)."""

    def get_view_restrictions(self):
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        pages = Page.objects.filter(path__in=paths).values(source=Coalesce("alias_of_id", "id"))
        return PageViewRestriction.objects.filter(page_id__in=pages)


class NarrowedPagePermissionTester(PagePermissionTester):
    """Wagtail's tester, narrowed by an app's own rules: `page_rules(page_class)` says, for an
    active user who is not an administrator, whether they may act on this page and whether they
    may add pages under it. Administrators may do everything, inactive users nothing; every
    action then asks Wagtail's own rules as well."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.may_act, self.may_add = self._rules()

    def _rules(self):
        if self.user.is_superuser:
            return True, True
        if not self.user.is_active:
            return False, False
        page_class = self.page.specific_class
        if page_class is None:
            return False, False
        return self.page_rules(page_class)

    def page_rules(self, page_class):
        """(may act on this page, may add pages under it) for a non-administrator."""
        return False, False

    def can_add_subpage(self):
        return self.may_add and super().can_add_subpage()

    def can_publish_subpage(self):
        return self.may_add and super().can_publish_subpage()

    def can_edit(self):
        return self.may_act and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self.may_act and super().can_delete(ignore_bulk=ignore_bulk)

    def can_publish(self):
        return self.may_act and super().can_publish()

    def can_unpublish(self):
        return self.may_act and super().can_unpublish()

    def can_submit_for_moderation(self):
        return self.may_act and super().can_submit_for_moderation()

    def can_lock(self):
        return self.may_act and super().can_lock()

    def can_unlock(self):
        # Anyone may release a lock they hold themselves.
        return (self.may_act or self.user_has_lock()) and super().can_unlock()

    def can_reorder_children(self):
        return self.may_act and super().can_reorder_children()

    def can_move(self):
        return self.may_act and super().can_move()

    def can_copy(self):
        return self.may_act and super().can_copy()


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


class HomePage(
    ViewRestrictionsInOneQueryMixin, NavigationSectionMixin, HookedPermissionsMixin, Page
):
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


class ContentPage(ViewRestrictionsInOneQueryMixin, HookedPermissionsMixin, Page):
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
