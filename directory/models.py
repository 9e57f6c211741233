"""Publishers (the Council of Ministers, federal organisations, government members) and their
press contacts. Knows nothing of releases: every other app points here."""

import functools

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

from core.i18n import TranslatedField, translated_field_names
from core.url_context import reverse_context


class PublisherQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def council(self):
        return self.filter(kind=Publisher.Kind.COUNCIL)

    def organisations(self):
        return self.filter(kind=Publisher.Kind.ORGANISATION)

    def government_members(self):
        return self.filter(kind=Publisher.Kind.GOVERNMENT_MEMBER)

    def with_active_contacts(self):
        """Prefetch each publisher's active contacts into `active_contacts`, in their order:
        one query whatever the number of publishers."""
        return self.prefetch_related(
            models.Prefetch(
                "contacts",
                queryset=PressContact.objects.filter(is_active=True).order_by("sort_order", "pk"),
                to_attr="active_contacts",
            )
        )


# Who may change what names and gives access to a publisher (name, slug, term, whether it is
# active, its communicators): the concrete model's permission, which the Communicators group
# does not have. Communicators change their own publishers' contact details and press
# contacts (see wagtail_hooks.CommunicatorPolicy).
MANAGE_PUBLISHERS = "directory.change_publisher"


def admin_field(name, **kwargs):
    """A field of the publisher form that only who may manage publishers sees and changes."""
    return FieldPanel(name, permission=MANAGE_PUBLISHERS, **kwargs)


class Publisher(index.Indexed, RevisionMixin, ClusterableModel):
    """Whoever a release is published by. One table for the three kinds, so that listings,
    feeds, subscriptions and validation all point at one notion.

    Each save from the admin keeps a revision with the press contacts (inline children): the
    history says who changed a spokesperson's address, which validation depends on."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council of Ministers")
        ORGANISATION = "organisation", _("Federal institution")
        GOVERNMENT_MEMBER = "member", _("Government member")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, db_index=True)
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("Used in the publisher's page URL.")
    )
    name = models.CharField(
        _("name"),
        max_length=255,
        help_text=_("The person's name, or the organisation's name when it has no translation."),
    )
    name_fr = models.CharField(_("name (French)"), max_length=255, blank=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=255, blank=True)
    name_de = models.CharField(_("name (German)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    acronym_fr = models.CharField(_("acronym (French)"), max_length=30, blank=True)
    acronym_nl = models.CharField(_("acronym (Dutch)"), max_length=30, blank=True)
    acronym_de = models.CharField(_("acronym (German)"), max_length=30, blank=True)
    acronym_en = models.CharField(_("acronym (English)"), max_length=30, blank=True)
    # Government members: their office and portfolio, e.g. "Minister of Finance".
    portfolio_fr = models.CharField(_("portfolio (French)"), max_length=500, blank=True)
    portfolio_nl = models.CharField(_("portfolio (Dutch)"), max_length=500, blank=True)
    portfolio_de = models.CharField(_("portfolio (German)"), max_length=500, blank=True)
    portfolio_en = models.CharField(_("portfolio (English)"), max_length=500, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo or photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick for a dissolved organisation or a former government member."),
    )
    term_start = models.DateField(_("term start"), null=True, blank=True)
    term_end = models.DateField(_("term end"), null=True, blank=True)
    sort_order = models.IntegerField(
        _("order"), default=100, help_text=_("Protocol order: lower comes first.")
    )
    communicators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("communicators"),
        blank=True,
        related_name="publishers",
        help_text=_("CMS users who may write and publish releases for this publisher."),
    )

    # Revisions go when the publisher goes.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="publisher")

    objects = PublisherQuerySet.as_manager()

    display_name = TranslatedField("name", fallback="name")
    acronym = TranslatedField("acronym")
    portfolio = TranslatedField("portfolio")

    search_fields = [
        index.SearchField("name"),
        index.SearchField("name_fr"),
        index.SearchField("name_nl"),
        index.SearchField("name_de"),
        index.SearchField("name_en"),
        index.SearchField("acronym_fr"),
        index.SearchField("acronym_nl"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("is_active"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("publisher")
        verbose_name_plural = _("publishers")

    def __str__(self):
        label = self.display_name
        if self.acronym:
            label = f"{label} ({self.acronym})"
        return label

    def get_absolute_url(self):
        """The publisher's page in the active language (served by the releases app)."""
        return _publisher_url(*reverse_context(), self.slug)

    def autocomplete_label(self):
        """How the release form's co-publisher chooser names it (wagtail-autocomplete)."""
        return self.name_with_portfolio

    @classmethod
    def autocomplete_custom_queryset_filter(cls, query, request=None):
        """What the co-publisher chooser offers for the typed text: active publishers only
        (no former government member, no dissolved body)."""
        text = query.strip()
        matches = models.Q()
        for field in ("name", *translated_field_names("name"), *translated_field_names("acronym")):
            matches |= models.Q(**{f"{field}__icontains": text})
        return cls.objects.active().filter(matches)

    @property
    def name_with_portfolio(self):
        """How lists and release pages name a publisher: a government member with their
        portfolio ("Jan Goossens, Minister of Energy"), others as str()."""
        if self.is_government_member and self.portfolio:
            return f"{self.display_name}, {self.portfolio}"
        return str(self)

    def clean(self):
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": _("The term cannot end before it starts.")})

    @property
    def is_council(self):
        return self.kind == self.Kind.COUNCIL

    @property
    def is_government_member(self):
        return self.kind == self.Kind.GOVERNMENT_MEMBER

    @property
    def in_office(self):
        today = timezone.localdate()
        if not self.is_government_member:
            return self.is_active
        started = self.term_start is None or self.term_start <= today
        ended = self.term_end is not None and self.term_end < today
        return self.is_active and started and not ended

    def spokespersons(self):
        """Active spokespersons: the people who validate Council texts for this member."""
        return self.contacts.filter(is_active=True, role=PressContact.Role.SPOKESPERSON)


class KindManager(models.Manager):
    def __init__(self, kind):
        super().__init__()
        self.kind = kind

    def get_queryset(self):
        return PublisherQuerySet(self.model, using=self._db).filter(kind=self.kind)


class PublisherKindMixin:
    """Proxies give each kind its own admin with only the fields that make sense for it."""

    publisher_kind = None

    def save(self, *args, **kwargs):
        self.kind = self.publisher_kind
        super().save(*args, **kwargs)


class Organisation(PublisherKindMixin, Publisher):
    publisher_kind = Publisher.Kind.ORGANISATION
    objects = KindManager(Publisher.Kind.ORGANISATION)

    panels = [
        MultiFieldPanel(
            [
                admin_field("name"),
                FieldRowPanel([admin_field("name_fr"), admin_field("name_nl")]),
                FieldRowPanel([admin_field("name_de"), admin_field("name_en")]),
                FieldRowPanel([admin_field("acronym_fr"), admin_field("acronym_nl")]),
                FieldRowPanel([admin_field("acronym_de"), admin_field("acronym_en")]),
                admin_field("slug"),
            ],
            heading=_("Name"),
        ),
        admin_field("image", heading=_("Logo")),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
            ],
            heading=_("Contact details"),
        ),
        FieldRowPanel([admin_field("is_active"), admin_field("sort_order")]),
        InlinePanel("contacts", heading=_("Press contacts"), label=_("Press contact")),
        admin_field("communicators"),
    ]

    class Meta:
        proxy = True
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")


class GovernmentMember(PublisherKindMixin, Publisher):
    publisher_kind = Publisher.Kind.GOVERNMENT_MEMBER
    objects = KindManager(Publisher.Kind.GOVERNMENT_MEMBER)

    panels = [
        MultiFieldPanel(
            [admin_field("name"), admin_field("slug")],
            heading=_("Name"),
        ),
        MultiFieldPanel(
            [
                admin_field("portfolio_fr"),
                admin_field("portfolio_nl"),
                admin_field("portfolio_de"),
                admin_field("portfolio_en"),
            ],
            heading=_("Portfolio"),
        ),
        admin_field("image", heading=_("Photo")),
        FieldRowPanel([admin_field("term_start"), admin_field("term_end")]),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
            ],
            heading=_("Cabinet contact details"),
        ),
        FieldRowPanel([admin_field("is_active"), admin_field("sort_order")]),
        InlinePanel("contacts", heading=_("Spokespersons and press officers"), label=_("Contact")),
        admin_field("communicators"),
    ]

    class Meta:
        proxy = True
        verbose_name = _("government member")
        verbose_name_plural = _("government members")


class CouncilOfMinisters(PublisherKindMixin, Publisher):
    publisher_kind = Publisher.Kind.COUNCIL
    objects = KindManager(Publisher.Kind.COUNCIL)

    panels = Organisation.panels

    class Meta:
        proxy = True
        verbose_name = _("Council of Ministers")
        verbose_name_plural = _("Council of Ministers")


class PressContact(index.Indexed, Orderable):
    """A spokesperson or press officer of one publisher."""

    class Role(models.TextChoices):
        SPOKESPERSON = "spokesperson", _("Spokesperson")
        PRESS_OFFICER = "press_officer", _("Press officer")

    publisher = ParentalKey(Publisher, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.SPOKESPERSON
    )
    position_fr = models.CharField(_("position (French)"), max_length=255, blank=True)
    position_nl = models.CharField(_("position (Dutch)"), max_length=255, blank=True)
    position_de = models.CharField(_("position (German)"), max_length=255, blank=True)
    position_en = models.CharField(_("position (English)"), max_length=255, blank=True)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    mobile = models.CharField(_("mobile phone"), max_length=50, blank=True)
    languages = models.CharField(
        _("languages spoken"),
        max_length=20,
        blank=True,
        help_text=_("Language codes separated by commas, e.g. fr,nl,en."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    position = TranslatedField("position")

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("position_fr"), FieldPanel("position_nl")]),
        FieldRowPanel([FieldPanel("position_de"), FieldPanel("position_en")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("languages")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("mobile")]),
        FieldPanel("is_active"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("email"),
        index.AutocompleteField("name"),
        index.FilterField("role"),
        index.FilterField("is_active"),
        index.RelatedFields("publisher", [index.SearchField("name")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")

    def __str__(self):
        return f"{self.name} ({self.publisher})"

    def autocomplete_label(self):
        """How the release form's press contact chooser names them (wagtail-autocomplete)."""
        return str(self)

    @classmethod
    def autocomplete_custom_queryset_filter(cls, query, request=None):
        """What the press contact chooser offers for the typed text: active contacts of active
        publishers, a communicator's own publishers' first (a joint release names a partner's
        spokesperson too: contact details are public on the contacts page)."""
        text = query.strip()
        contacts = cls.objects.filter(is_active=True, publisher__is_active=True).filter(
            models.Q(name__icontains=text)
            | models.Q(email__icontains=text)
            | models.Q(publisher__name__icontains=text)
        )
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_superuser:
            own = models.Q(publisher__in=Publisher.objects.filter(communicators=user).values("pk"))
            contacts = contacts.annotate(
                own_first=models.Case(models.When(own, then=0), default=1)
            ).order_by("own_first", "name")
        else:
            contacts = contacts.order_by("name")
        return contacts.select_related("publisher")

    def clean(self):
        codes = [code.strip() for code in self.languages.split(",") if code.strip()]
        known = {code for code, _name in settings.LANGUAGES}
        unknown = [code for code in codes if code not in known]
        if unknown:
            message = _("Unknown language codes: %(codes)s") % {"codes": ", ".join(unknown)}
            raise ValidationError({"languages": message})
        self.languages = ",".join(dict.fromkeys(codes))

    @property
    def distinct_position(self):
        """The position in the active language, unless it only repeats the role (a position
        "Porte-parole" beside the role "Porte-parole")."""
        position = self.position
        if position.strip().casefold() == str(self.get_role_display()).casefold():
            return ""
        return position

    @property
    def language_list(self):
        return [code for code in self.languages.split(",") if code]


@functools.lru_cache(maxsize=1024)
def _publisher_url(language, script_prefix, urlconf, slug):
    # A list of release cards links each of its publishers several times; `reverse` is
    # deterministic in its context (core.url_context) and the slug, and costs
    # more than the rest of a card's link.
    return reverse("releases:publisher", args=[slug], urlconf=urlconf)
