"""The page tree: a home page per language, the news listing with its releases, the Council of
Ministers with its meetings and decisions, and plain content pages."""

from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from directory.models import Publisher, PressContact
from newsportal.i18n import TranslatedField

from .blocks import RICH_TEXT_FEATURES, RelatedLinkBlock, ReleaseBodyBlock
from .permissions import PublisherPagePermissionTester, publishers_for_user


class Theme(models.Model):
    """A theme of the taxonomy; one row per theme with its name in each language, so that
    filters, feeds and subscriptions use the same theme whatever the language."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_de = models.CharField(_("name (German)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    sort_order = models.IntegerField(_("order"), default=100)

    name = TranslatedField("name")

    panels = [
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("name_fr"), FieldPanel("name_nl")]),
        FieldRowPanel([FieldPanel("name_de"), FieldPanel("name_en")]),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class HomePage(Page):
    """The root of one language tree: /fr/, /nl/, /de/, /en/."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["releases.NewsIndexPage", "releases.CouncilIndexPage", "releases.ContentPage"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("home page")


class NewsIndexPage(RoutablePageMixin, Page):
    """All news: the listing with its filters and search, and the parent of releases."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["releases.HomePage"]
    subpage_types = ["releases.PressReleasePage"]

    class Meta:
        verbose_name = _("news listing")

    @path("")
    def listing(self, request):
        from .views import news_listing

        return news_listing(request, self)

    @path("rss/")
    def rss_feed(self, request):
        from .feeds import ListingRssFeed

        return ListingRssFeed()(request, index_page=self)

    @path("atom/")
    def atom_feed(self, request):
        from .feeds import ListingAtomFeed

        return ListingAtomFeed()(request, index_page=self)


class PressReleaseForm(WagtailAdminPageForm):
    """Communicators only pick among the publishers they belong to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is not None and "publisher" in self.fields:
            allowed = publishers_for_user(user)
            current = self.instance.publisher_id if self.instance.pk else None
            if current and not allowed.filter(pk=current).exists():
                # Keep the existing value valid for an administrator editing someone else's page.
                allowed = allowed | Publisher.objects.filter(pk=current)
            self.fields["publisher"].queryset = allowed
        if "concerned_members" in self.fields:
            self.fields["concerned_members"].queryset = Publisher.objects.government_members()
        if "press_contacts" in self.fields:
            self.fields["press_contacts"].queryset = PressContact.objects.filter(
                is_active=True
            ).select_related("publisher")

    def clean(self):
        cleaned = super().clean()
        publisher = cleaned.get("publisher")
        co_publishers = cleaned.get("co_publishers")
        if publisher and co_publishers and publisher in co_publishers:
            self.add_error("co_publishers", _("The main publisher cannot also be a co-publisher."))
        return cleaned


class PressReleasePage(Page):
    """A press release. Under a Council meeting it is a decision of that meeting."""

    published_at = models.DateTimeField(
        _("publication date and time"),
        default=timezone.now,
        db_index=True,
        help_text=_("The date and time shown on the release."),
    )
    publisher = models.ForeignKey(
        Publisher,
        verbose_name=_("publisher"),
        on_delete=models.PROTECT,
        related_name="releases",
    )
    co_publishers = ParentalManyToManyField(
        Publisher,
        verbose_name=_("co-publishers"),
        blank=True,
        related_name="co_published_releases",
    )
    themes = ParentalManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="releases"
    )
    lead = models.TextField(_("lead"), help_text=_("One or two sentences that sum it up."))
    body = StreamField(ReleaseBodyBlock(), verbose_name=_("body"), blank=True)
    press_contacts = ParentalManyToManyField(
        PressContact, verbose_name=_("press contacts"), blank=True, related_name="releases"
    )
    concerned_members = ParentalManyToManyField(
        Publisher,
        verbose_name=_("government members concerned"),
        blank=True,
        related_name="concerning_releases",
        help_text=_("Council decisions: their spokespersons validate the text before publication."),
    )
    related_links = StreamField(
        [("link", RelatedLinkBlock())], verbose_name=_("related links"), blank=True
    )

    base_form_class = PressReleaseForm
    content_panels = Page.content_panels + [
        FieldPanel("published_at"),
        MultiFieldPanel(
            [FieldPanel("publisher"), FieldPanel("co_publishers")],
            heading=_("Publishers"),
        ),
        FieldPanel("themes"),
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("press_contacts"),
        FieldPanel("concerned_members"),
        FieldPanel("related_links"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("published_at"),
        index.FilterField("publisher"),
    ]
    parent_page_types = ["releases.NewsIndexPage", "releases.CouncilMeetingPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        indexes = [models.Index(fields=["publisher", "-published_at"])]

    def permissions_for_user(self, user):
        return PublisherPagePermissionTester(user, self)

    @cached_property
    def council_meeting(self):
        parent = self.get_parent().specific
        return parent if isinstance(parent, CouncilMeetingPage) else None

    @property
    def is_council_decision(self):
        return self.council_meeting is not None

    def route(self, request, path_components):
        # Between two runs of the scheduler an expired page is still flagged live: never serve it.
        if not path_components and self.expire_at and self.expire_at <= timezone.now():
            raise Http404
        return super().route(request, path_components)


class CouncilIndexPage(Page):
    """The Council of Ministers: its meetings, newest first."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["releases.HomePage"]
    subpage_types = ["releases.CouncilMeetingPage"]

    class Meta:
        verbose_name = _("Council of Ministers")

    def get_context(self, request, *args, **kwargs):
        from .query import live_pages

        context = super().get_context(request, *args, **kwargs)
        context["meetings"] = (
            live_pages(CouncilMeetingPage).child_of(self).order_by("-meeting_date")
        )
        return context


class CouncilMeetingPage(Page):
    """One meeting of the Council of Ministers; its decisions are the child releases."""

    meeting_date = models.DateField(_("meeting date"), db_index=True)
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("meeting_date"), FieldPanel("intro")]
    search_fields = Page.search_fields + [index.FilterField("meeting_date")]
    parent_page_types = ["releases.CouncilIndexPage"]
    subpage_types = ["releases.PressReleasePage"]

    class Meta:
        verbose_name = _("Council of Ministers meeting")
        verbose_name_plural = _("Council of Ministers meetings")

    def decisions(self):
        from .query import live_releases

        return live_releases().child_of(self).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["decisions"] = self.decisions()
        return context


class ContentPage(Page):
    """Plain pages: accessibility statement, privacy, terms of use."""

    body = RichTextField(_("body"), features=RICH_TEXT_FEATURES + ["h2", "h3"])

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["releases.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("content page")
