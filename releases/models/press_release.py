"""A press release: the page every other part of the site lists, feeds, searches and mails."""

from django import forms
from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.front_cache import news_page_purge_tags
from core.pages import (
    HookedPermissionsMixin,
    KeptUrlPartsMixin,
    ViewRestrictionsInOneQueryMixin,
)
from core.public import PublicPageQuerySet
from directory.autocomplete import ChooserPanel
from directory.communicators import publishers_for_user
from directory.models import PressContact, Publisher

from ..blocks import RelatedLinkBlock, ReleaseBodyBlock
from .snippets import Theme

# Set on the user object by the add view's hook (releases.wagtail_hooks), which reads the
# query string the form never sees; the form is built with `for_user`, that same object.
_REQUESTED_PUBLISHER = "_newsportal_requested_publisher"


def remember_requested_publisher(user, value):
    """The publisher a "new press release" link asks for, kept for the form of this request."""
    if value and str(value).isdigit():
        setattr(user, _REQUESTED_PUBLISHER, int(value))


def _active_or_chosen(queryset, chosen_ids):
    """Active entries, plus those already chosen (the release keeps them until unticked)."""
    return queryset.filter(models.Q(is_active=True) | models.Q(pk__in=chosen_ids))


class PressReleaseForm(WagtailAdminPageForm):
    """Communicators only pick among the publishers they belong to; former government members,
    dissolved bodies and former contacts are not offered; the government members concerned
    are asked for Council decisions only.

    Co-publishers and press contacts are chosen by typing a few letters (directory.autocomplete:
    hundreds of contacts, about a hundred publishers); the chooser offers active entries only
    and the form accepts those, plus the ones the release already names, which stay shown.
    Any active publisher's contacts may be named (a joint release names the partner's
    spokesperson; contact details are public), a communicator's own offered first. Wagtail's
    own chooser for many-to-many relations (MultipleChooserPanel) needs an inline child model
    instead of these ParentalManyToManyFields, which the listings, feeds and subscriptions
    read. Themes and the government members concerned, short lists, stay checkboxes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is not None and "publisher" in self.fields:
            self._limit_publisher(user)
        self._limit_choices()
        if "concerned_members" in self.fields and not self._under_council_meeting():
            del self.fields["concerned_members"]
        if "go_live_at" in self.fields and hasattr(self.instance, "go_live_at_as_saved"):
            # The form shows the go-live time the editor set, not the one the model derives
            # from a future publication date: moving that date must not leave a stale one.
            self.initial["go_live_at"] = self.instance.go_live_at_as_saved

    def _chosen(self, name):
        """Ids related to the version being edited (none for a new release): the form's
        initial values, read from the instance (a revision's objects, not only the database)."""
        return [getattr(value, "pk", value) for value in self.initial.get(name) or ()]

    def _limit_publisher(self, user):
        current = self.instance.publisher_id if self.instance.pk else None
        allowed = publishers_for_user(user).active()
        if current:
            # Keep the existing value valid (a former member's release, an administrator
            # editing someone else's page).
            allowed = Publisher.objects.filter(models.Q(pk__in=allowed) | models.Q(pk=current))
        self.fields["publisher"].queryset = allowed
        if current or user.is_superuser:
            return
        requested = getattr(user, _REQUESTED_PUBLISHER, None)
        ids = list(allowed.values_list("pk", flat=True))
        if requested in ids:
            self.initial["publisher"] = requested
        elif ids:
            # A communicator writes for their first publisher unless they choose another.
            self.initial["publisher"] = ids[0]

    def _checkboxes(self, name, queryset):
        field = self.fields[name]
        field.widget = forms.CheckboxSelectMultiple()
        # Setting the queryset hands its choices to the new widget.
        field.queryset = queryset

    def _limit_choices(self):
        fields = self.fields
        if "co_publishers" in fields:
            fields["co_publishers"].queryset = _active_or_chosen(
                Publisher.objects.all(), self._chosen("co_publishers")
            )
        if "themes" in fields:
            self._checkboxes("themes", fields["themes"].queryset)
        if "concerned_members" in fields:
            members = Publisher.objects.government_members()
            self._checkboxes(
                "concerned_members", _active_or_chosen(members, self._chosen("concerned_members"))
            )
        if "press_contacts" in fields:
            # A chosen contact stays valid even once their publisher is inactive too.
            fields["press_contacts"].queryset = PressContact.objects.filter(
                models.Q(is_active=True, publisher__is_active=True)
                | models.Q(pk__in=self._chosen("press_contacts"))
            )

    def _under_council_meeting(self):
        parent = self.parent_page
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        return bool(parent and getattr(parent.specific_class, "holds_council_decisions", False))

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


class ReleaseQuerySet(PublicPageQuerySet):
    def public_live(self):
        """What the public may see of any page, less the withdrawn releases: a withdrawn
        release stays at its URL (with its notice) but leaves every list, feed, the sitemap,
        the search and the digests, which all start here."""
        return super().public_live().filter(withdrawn_at__isnull=True)

    def withdrawn(self):
        return self.filter(withdrawn_at__isnull=False)

    def public_withdrawn(self):
        """The withdrawn releases that would otherwise be public: their URL shows the notice,
        and the API answers 410 with it."""
        return super().public_live().filter(withdrawn_at__isnull=False)


ReleaseManager = PageManager.from_queryset(ReleaseQuerySet)


def not_withdrawn(pages):
    """`pages` (any page queryset, Wagtail's `Page` included) less the withdrawn releases: for
    the queries that read the page table alone (counts, document access, hreflang links)."""
    return pages.exclude(pk__in=PressReleasePage.objects.withdrawn().values("pk"))


class PressReleasePage(
    ViewRestrictionsInOneQueryMixin, KeptUrlPartsMixin, HookedPermissionsMixin, Page
):
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
    # Set by the withdrawal action (releases.withdrawal), never by the edit form; kept from the
    # live row when a revision is published (with_content_json) and left out of copies.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(_("reason for the withdrawal"), blank=True, editable=False)

    objects = ReleaseManager()
    # A copy or a translation is a new text: not withdrawn, and without the notes of this one.
    exclude_fields_in_copy = ["withdrawn_at", "withdrawal_reason", "update_notes"]

    # The passages a search matched (releases.search.with_highlights sets it on its results).
    # Empty on every other release: a template reading a missing attribute costs Django's
    # template engine a dir() of the page, a few hundred microseconds per card.
    search_excerpt = ""

    # Unpublished by administrators only, with a reason (releases.wagtail_hooks).
    asks_unpublish_reason = True
    # Published by the hundred each day, never a link of the header or footer (core.signals).
    never_in_navigation = True
    # What a change purges from the front cache: the release and the lists (core.front_cache).
    front_cache_purge_tags = news_page_purge_tags

    base_form_class = PressReleaseForm
    content_panels = Page.content_panels + [
        FieldPanel("published_at"),
        MultiFieldPanel(
            [FieldPanel("publisher"), ChooserPanel("co_publishers")],
            heading=_("Publishers"),
        ),
        FieldPanel("themes"),
        FieldPanel("lead"),
        FieldPanel("body"),
        ChooserPanel("press_contacts"),
        FieldPanel("concerned_members"),
        FieldPanel("related_links"),
        InlinePanel(
            "update_notes",
            heading=_("Updates and corrections"),
            label=_("Update note"),
            help_text=_(
                "Publishing a change with a new note shows “Updated on”, its date and the note "
                "on the release and alerts the journalists who receive immediate alerts. Write "
                "it in the release's language. A change without a note alerts no one."
            ),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("published_at"),
        index.FilterField("publisher"),
        # What the public search filters on besides: see core.public.
        index.FilterField("expire_at"),
        index.FilterField("withdrawn_at"),
    ]
    parent_page_types = ["releases.NewsIndexPage", "releases.CouncilMeetingPage"]
    subpage_types = []
    # The translation editor (wagtail-localize) translates the texts (title, slug, lead, body,
    # link labels) and copies these from the source at every sync. It skips many-to-many
    # relations unless named here; the government members concerned must follow, or a
    # translated Council decision would escape their spokespersons' validation.
    override_translatable_fields = [
        SynchronizedField("published_at", overridable=False),
        SynchronizedField("publisher", overridable=False),
        SynchronizedField("co_publishers", overridable=False),
        SynchronizedField("themes", overridable=False),
        SynchronizedField("press_contacts", overridable=False),
        SynchronizedField("concerned_members", overridable=False),
    ]

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        indexes = [
            models.Index(fields=["publisher", "-published_at"]),
            # The few withdrawn releases, which not_withdrawn reads on every count.
            models.Index(
                fields=["withdrawn_at"],
                condition=models.Q(withdrawn_at__isnull=False),
                name="release_withdrawn",
            ),
        ]

    def with_content_json(self, content):
        """Every version that is published passes here (Wagtail's publish action builds the
        page from its revision with this method, whatever the path: the editor, bulk
        actions, workflow approval, the scheduler, the shell), so the embargo holds on all."""
        version = super().with_content_json(content)
        version.hold_until_publication_date()
        # A withdrawal is a state of the page, not of a text: no revision brings it back.
        version.withdrawn_at = self.withdrawn_at
        version.withdrawal_reason = self.withdrawal_reason
        return version

    def notes_newest_first(self):
        return sorted(self.update_notes.all(), key=lambda note: note.noted_at, reverse=True)

    @property
    def updated_at(self):
        """The date of the latest update note, else None: the "updated" date of feeds."""
        notes = self.notes_newest_first()
        return notes[0].noted_at if notes else None

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

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
        # The meeting's class is defined above this one (models.sections): asked, not named.
        return parent if getattr(parent, "holds_council_decisions", False) else None

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
            "description": self.withdrawal_reason if self.is_withdrawn else self.lead,
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
        # A withdrawn release shows its notice without its text, images or files.
        image = None if self.is_withdrawn else self.first_image()
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
                "update_notes": self.notes_newest_first(),
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


class ReleaseUpdate(Orderable):
    """A note published with a change of a live release ("Updated on <date>: <note>"). Part of
    the page (a revision carries it, publishing puts it live), so it goes out with the change
    it explains. Subscribers' alerts are sent once per note (subscriptions.updates)."""

    page = ParentalKey(PressReleasePage, on_delete=models.CASCADE, related_name="update_notes")
    noted_at = models.DateTimeField(_("date"), default=timezone.now)
    note = models.TextField(_("note"), max_length=2000)

    panels = [FieldPanel("noted_at"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("update note")
        verbose_name_plural = _("update notes")

    def __str__(self):
        return self.note
