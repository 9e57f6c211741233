"""The page tree: a home page per language, the news listing with its releases, the Council of
Ministers with its meetings and decisions, and plain content pages."""

from django.conf import settings
from django.db import models
from django.http import Http404
from django.urls import NoReverseMatch, reverse
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

from directory.models import PressContact, Publisher
from newsportal.i18n import TranslatedField

from .blocks import RICH_TEXT_FEATURES, RelatedLinkBlock, ReleaseBodyBlock
from .permissions import PublisherPermissionsMixin, publishers_for_user


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


def optional_reverse(name, **kwargs):
    """The URL of a named view, or "" while that view does not exist: no dead links."""
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


class SectionTranslationsMixin:
    """For the pages of the header (home, news listing, Council): the URLs of their versions
    in each language, `{code: url}`, from the cached navigation instead of a query. The
    language switcher and the hreflang links ask for them on every page view."""

    navigation_key = None  # "homes", or a section of releases.navigation.SECTIONS

    def translation_urls(self, request):
        from .navigation import navigation

        if self.navigation_key == "homes":
            return navigation(request)["homes"]
        urls = {
            code: navigation(request, code)[self.navigation_key]
            for code, _name in settings.LANGUAGES
        }
        return {code: url for code, url in urls.items() if url}


class HomePage(SectionTranslationsMixin, PublisherPermissionsMixin, Page):
    """The root of one language tree: /fr/, /nl/, /de/, /en/."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["releases.NewsIndexPage", "releases.CouncilIndexPage", "releases.ContentPage"]
    max_count_per_parent = None

    latest_count = 10
    navigation_key = "homes"

    class Meta:
        verbose_name = _("home page")

    def latest_releases(self):
        from .cards import with_card_relations
        from .query import NEWEST_FIRST, live_releases

        releases = live_releases(locale=self.locale_id).order_by(*NEWEST_FIRST)
        return with_card_relations(releases)[: self.latest_count]

    def latest_meeting(self):
        from .query import live_pages

        meetings = live_pages(CouncilMeetingPage).filter(locale_id=self.locale_id)
        return meetings.order_by("-meeting_date", "-id").first()

    def entry_points(self, news_url, council_url):
        """The doors into the site; a door whose target does not exist is left out."""
        feeds_url = optional_reverse("releases:feeds")
        subscribe_url = optional_reverse("subscriptions:subscribe")
        points = [
            (
                news_url,
                _("All news"),
                _("Every press release, newest first, with filters and search."),
            ),
            (
                council_url,
                _("Council of Ministers"),
                _("The meetings of the Council of Ministers and their decisions."),
            ),
            (
                optional_reverse("directory:contact_points"),
                _("Press contacts"),
                _("Spokespersons and press officers of every publisher."),
            ),
            (
                feeds_url,
                _("RSS and Atom feeds"),
                _("Follow all news or one publisher in your feed reader."),
            ),
        ]
        if subscribe_url:
            points.append(
                (subscribe_url, _("Subscribe"), _("Receive new press releases by email."))
            )
        elif feeds_url:
            # Until email subscriptions exist, subscribing means following a feed.
            points.append(
                (
                    f"{feeds_url}#general-feeds",
                    _("Subscribe"),
                    _("Get new press releases as they are published, in your feed reader."),
                )
            )
        return [
            {"url": url, "title": title, "description": description}
            for url, title, description in points
            if url
        ]

    def get_context(self, request, *args, **kwargs):
        from .cards import with_card_relations
        from .navigation import navigation

        context = super().get_context(request, *args, **kwargs)
        # The section links of the header, from the cache: the sections of this home.
        links = navigation(request, self.locale.language_code)
        meeting = self.latest_meeting()
        context.update(
            {
                "latest_releases": self.latest_releases(),
                "latest_meeting": meeting,
                "latest_decisions": (with_card_relations(meeting.decisions()) if meeting else []),
                "news_url": links["news"],
                "council_url": links["council"],
                "entry_points": self.entry_points(links["news"], links["council"]),
            }
        )
        return context


class NewsIndexPage(SectionTranslationsMixin, PublisherPermissionsMixin, RoutablePageMixin, Page):
    """All news: the listing with its filters and search, and the parent of releases."""

    navigation_key = "news"

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
            if not current and not user.is_superuser and len(choices := list(allowed[:2])) == 1:
                # A communicator of a single publisher has nothing to choose.
                self.initial["publisher"] = choices[0].pk
        if "concerned_members" in self.fields:
            self.fields["concerned_members"].queryset = Publisher.objects.government_members()
        if "press_contacts" in self.fields:
            self.fields["press_contacts"].queryset = PressContact.objects.filter(
                is_active=True
            ).select_related("publisher")
        if "go_live_at" in self.fields and hasattr(self.instance, "go_live_at_as_saved"):
            # The form shows the go-live time the editor set, not the one the model derives
            # from a future publication date: moving that date must not leave a stale one.
            self.initial["go_live_at"] = self.instance.go_live_at_as_saved

    def clean(self):
        cleaned = super().clean()
        publisher = cleaned.get("publisher")
        co_publishers = cleaned.get("co_publishers")
        if publisher and co_publishers and publisher in co_publishers:
            self.add_error("co_publishers", _("The main publisher cannot also be a co-publisher."))
        self.clean_embargo(cleaned)
        return cleaned

    def clean_embargo(self, cleaned):
        """A future publication date is the embargo (see PressReleasePage.
        hold_until_publication_date): say so where the editor can act on it."""
        published_at = cleaned.get("published_at")
        if not published_at or published_at <= timezone.now():
            return
        go_live_at = cleaned.get("go_live_at")
        expire_at = cleaned.get("expire_at")
        if go_live_at and go_live_at != published_at:
            self.add_error(
                "published_at",
                _(
                    "The publication date is in the future and the go-live time differs from "
                    "it: the release would go out only at the later of the two. Give both the "
                    "same date and time, or clear the go-live time (the release then goes out "
                    "at its publication date)."
                ),
            )
        elif expire_at and expire_at <= published_at:
            self.add_error(
                "published_at",
                _("The publication date must be before the expiry date."),
            )
        elif "action-publish" in self.data and "go_live_at" in self.fields:
            # Publishing schedules it: the admin then says "scheduled", not "published".
            cleaned["go_live_at"] = published_at


class PressReleasePage(PublisherPermissionsMixin, Page):
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
        # What the public search filters on besides: see releases.query.
        index.FilterField("expire_at"),
    ]
    parent_page_types = ["releases.NewsIndexPage", "releases.CouncilMeetingPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        indexes = [models.Index(fields=["publisher", "-published_at"])]

    def with_content_json(self, content):
        """Every version that is published passes here (Wagtail's publish action builds the
        page from its revision with this method, whatever the path: the editor, bulk
        actions, workflow approval, the scheduler, the shell), so the embargo holds on all."""
        version = super().with_content_json(content)
        version.hold_until_publication_date()
        return version

    def hold_until_publication_date(self, now=None):
        """A release never goes out before the time it shows, nor shows a time before it
        went out:

        - a publication date in the future is its go-live time (the later of the two when a
          go-live time is set too), so publishing it schedules it;
        - a release that has never been published shows its go-live time when that is
          later than its publication date (the date a form opened); a correction of a
          release already out keeps its date.

        The go-live time as saved stays in `go_live_at_as_saved` for the edit form."""
        now = now or timezone.now()
        self.go_live_at_as_saved = self.go_live_at
        if self.published_at and self.published_at > now:
            if self.go_live_at is None or self.go_live_at < self.published_at:
                self.go_live_at = self.published_at
        if (
            self.first_published_at is None
            and self.go_live_at
            and self.published_at
            and self.published_at < self.go_live_at
        ):
            self.published_at = self.go_live_at

    @cached_property
    def council_meeting(self):
        parent = self.get_parent().specific
        return parent if isinstance(parent, CouncilMeetingPage) else None

    @property
    def is_council_decision(self):
        return self.council_meeting is not None

    def first_image(self):
        """The image of the first image block: the picture shared on social networks."""
        for block in self.body:
            if block.block_type == "image" and block.value.get("image"):
                return block.value["image"]
        return None

    def publishers(self):
        """The main publisher, then the co-publishers."""
        return [self.publisher, *self.co_publishers.all()]

    def structured_data(self, request, publishers, image_url=None):
        """schema.org NewsArticle, as a dict for JSON-LD."""
        url = request.build_absolute_uri(self.get_url(request=request) or request.path)
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "url": url,
            "headline": self.title[:110],
            "description": self.lead,
            "inLanguage": self.locale.language_code,
            "datePublished": self.published_at.isoformat(),
            "dateModified": (self.last_published_at or self.published_at).isoformat(),
            "author": [
                {
                    "@type": "Person" if publisher.is_government_member else "Organization",
                    "name": publisher.display_name,
                }
                for publisher in publishers
            ],
            "publisher": {"@type": "Organization", "name": str(settings.SITE_NAME)},
        }
        if image_url:
            data["image"] = [request.build_absolute_uri(image_url)]
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        publishers = self.publishers()
        image = self.first_image()
        share_image = image.get_rendition("width-1200") if image else None
        context.update(
            {
                "publishers": publishers,
                "themes": list(self.themes.all()),
                "press_contacts": list(
                    self.press_contacts.filter(is_active=True).select_related("publisher")
                ),
                "concerned_members": list(self.concerned_members.all()),
                "meeting": self.council_meeting,
                "share_image": share_image,
                "structured_data": self.structured_data(
                    request, publishers, share_image.url if share_image else None
                ),
            }
        )
        return context

    def route(self, request, path_components):
        # Between two runs of the scheduler an expired page is still flagged live: never serve it.
        if not path_components and self.expire_at and self.expire_at <= timezone.now():
            raise Http404
        return super().route(request, path_components)


class CouncilIndexPage(SectionTranslationsMixin, PublisherPermissionsMixin, Page):
    """The Council of Ministers: its meetings, newest first."""

    navigation_key = "council"

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["releases.HomePage"]
    subpage_types = ["releases.CouncilMeetingPage"]

    class Meta:
        verbose_name = _("Council of Ministers")

    def meetings(self):
        from .query import live_pages

        return live_pages(CouncilMeetingPage).child_of(self).order_by("-meeting_date", "-id")

    def get_context(self, request, *args, **kwargs):
        from .views import paginate

        context = super().get_context(request, *args, **kwargs)
        page_obj, ignored = paginate(request, self.meetings())
        context.update({"meetings": page_obj.object_list, "page_obj": page_obj, "ignored": ignored})
        return context


class CouncilMeetingPage(PublisherPermissionsMixin, Page):
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
        from .cards import with_card_relations
        from .query import live_pages

        context = super().get_context(request, *args, **kwargs)
        context["decisions"] = with_card_relations(self.decisions())
        parent = self.get_parent()
        context["council_index"] = live_pages(CouncilIndexPage).filter(pk=parent.pk).first()
        return context


class ContentPage(PublisherPermissionsMixin, Page):
    """Plain pages: accessibility statement, privacy, terms of use."""

    body = RichTextField(_("body"), features=RICH_TEXT_FEATURES + ["h2", "h3"])

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["releases.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("content page")
