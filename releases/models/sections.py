"""The sections of each language tree: the news listing (parent of releases, with its filters,
search and feeds) and the Council of Ministers with its meetings, whose child releases are its
decisions. These pages render lists, so this module sits above the views, feeds and cards."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.front_cache import news_page_purge_tags, news_tag, tag_response
from core.navigation import NavigationSectionMixin
from core.pages import HookedPermissionsMixin, ViewRestrictionsInOneQueryMixin
from core.public import PublicPageManager
from core.rich_text import RICH_TEXT_FEATURES

from ..cards import with_card_relations
from ..feeds import ListingAtomFeed, ListingRssFeed
from ..views import news_listing, paginate
from .press_release import PressReleasePage


class SectionPage(
    ViewRestrictionsInOneQueryMixin, NavigationSectionMixin, HookedPermissionsMixin, Page
):
    """A section of a language tree, right under its home page, with a short introduction."""

    intro = models.TextField(_("introduction"), blank=True)

    objects = PublicPageManager()

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]

    class Meta:
        abstract = True


class NewsIndexPage(RoutablePageMixin, SectionPage):
    """All news: the listing with its filters and search, and the parent of releases."""

    navigation_key = "news"
    section_titles = {
        "fr": ("Actualités", "actualites"),
        "nl": ("Nieuws", "nieuws"),
        "de": ("Nachrichten", "nachrichten"),
        "en": ("News", "news"),
    }

    subpage_types = ["releases.PressReleasePage"]

    class Meta:
        verbose_name = _("news listing")

    @path("")
    def listing(self, request):
        return news_listing(request, self)

    @path("rss/")
    def rss_feed(self, request):
        return ListingRssFeed()(request, index_page=self)

    @path("atom/")
    def atom_feed(self, request):
        return ListingAtomFeed()(request, index_page=self)


class CouncilIndexPage(SectionPage):
    """The Council of Ministers: its meetings, newest first."""

    navigation_key = "council"
    section_titles = {
        "fr": ("Conseil des ministres", "conseil-des-ministres"),
        "nl": ("Ministerraad", "ministerraad"),
        "de": ("Ministerrat", "ministerrat"),
        "en": ("Council of Ministers", "council-of-ministers"),
    }

    subpage_types = ["releases.CouncilMeetingPage"]

    class Meta:
        verbose_name = _("Council of Ministers")

    def meetings(self):
        meetings = CouncilMeetingPage.objects.public_live().child_of(self)
        return meetings.order_by("-meeting_date", "-id")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tag_response(request, news_tag(self.locale.language_code))
        page_obj, ignored = paginate(request, self.meetings())
        context.update({"meetings": page_obj.object_list, "page_obj": page_obj, "ignored": ignored})
        return context


class CouncilMeetingPage(ViewRestrictionsInOneQueryMixin, HookedPermissionsMixin, Page):
    """One meeting of the Council of Ministers; its decisions are the child releases."""

    meeting_date = models.DateField(_("meeting date"), db_index=True)
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    objects = PublicPageManager()

    # Its child releases are Council decisions (PressReleasePage.council_meeting).
    holds_council_decisions = True
    # Listed by the Council section and the home page: purged with the lists of its language.
    front_cache_purge_tags = news_page_purge_tags

    content_panels = Page.content_panels + [FieldPanel("meeting_date"), FieldPanel("intro")]
    search_fields = Page.search_fields + [index.FilterField("meeting_date")]
    parent_page_types = ["releases.CouncilIndexPage"]
    subpage_types = ["releases.PressReleasePage"]

    class Meta:
        verbose_name = _("Council of Ministers meeting")
        verbose_name_plural = _("Council of Ministers meetings")

    def decisions(self):
        return PressReleasePage.objects.public_live().child_of(self).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tag_response(request, news_tag(self.locale.language_code))
        context["decisions"] = with_card_relations(self.decisions())[:]
        parent = self.get_parent()
        council = CouncilIndexPage.objects.public_live().filter(pk=parent.pk)
        context["council_index"] = council.first()
        return context
