"""Accredited journalists and what they are sent under embargo.

An `Accreditation` is one application: confirmed by its address, then approved or refused by an
administrator, valid for a year (a renewal is a new application). An `EmbargoShare` is a
scheduled revision of a release shared before go-live; each accredited journalist it goes to
has one `EmbargoLink` (unique per share and journalist: a retried task never sends twice),
whose token only the email carries. Every opening of a link is an `EmbargoAccess`."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.tokens import hash_token, new_token, well_formed
from directory.models import Publisher

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


class AccreditationQuerySet(models.QuerySet):
    def valid(self, now=None):
        """Approved and not expired: the journalists who may receive embargoed releases."""
        now = now or timezone.now()
        return self.filter(status=Accreditation.Status.APPROVED, expires_at__gt=now)

    def following(self, publisher_ids):
        return self.filter(publishers__in=list(publisher_ids)).distinct()


class Accreditation(models.Model):
    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Address not confirmed")
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    name = models.CharField(_("name"), max_length=200)
    medium = models.CharField(_("medium"), max_length=200)
    email = models.EmailField(_("professional email"), db_index=True)
    press_card_number = models.CharField(_("press card number"), max_length=50)
    publishers = models.ManyToManyField(
        Publisher, verbose_name=_("publishers followed"), related_name="accreditations"
    )
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.UNCONFIRMED, db_index=True
    )
    created_at = models.DateTimeField(_("applied at"), default=timezone.now)
    confirmation_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    confirmation_expires_at = models.DateTimeField(null=True, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, editable=False)
    confirmed_at = models.DateTimeField(_("address confirmed at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    expires_at = models.DateTimeField(_("valid until"), null=True, blank=True, db_index=True)
    # Written with the sending of the decision and reminder emails: each is sent once.
    decision_sent_at = models.DateTimeField(null=True, editable=False)
    reminder_sent_at = models.DateTimeField(null=True, editable=False)

    objects = AccreditationQuerySet.as_manager()

    class Meta:
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.medium})"

    def new_confirmation_token(self, lifetime):
        """A new raw token for the confirmation email; only its hash is kept."""
        token = new_token()
        self.confirmation_hash = hash_token(token)
        self.confirmation_expires_at = timezone.now() + lifetime
        return token

    @classmethod
    def awaiting_confirmation(cls, token):
        """The unconfirmed application of `token` whose link has not expired, or None."""
        if not well_formed(token):
            return None
        return cls.objects.filter(
            status=cls.Status.UNCONFIRMED,
            confirmation_hash=hash_token(token),
            confirmation_expires_at__gt=timezone.now(),
        ).first()

    def is_valid(self, now=None):
        now = now or timezone.now()
        return self.status == self.Status.APPROVED and bool(
            self.expires_at and self.expires_at > now
        )


class EmbargoShare(models.Model):
    """A scheduled revision of a release shared under embargo. Its links work while the page
    is still scheduled with this very revision and the share is not revoked."""

    page = models.ForeignKey(
        "releases.PressReleasePage",
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        related_name="embargo_shares",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.CASCADE, related_name="embargo_shares"
    )
    go_live_at = models.DateTimeField(_("embargo until"))
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("shared by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    shared_at = models.DateTimeField(_("shared at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("embargo share")
        verbose_name_plural = _("embargo shares")
        ordering = ["-shared_at"]
        constraints = [
            # One live share per revision: sharing again adds the journalists not reached yet.
            models.UniqueConstraint(
                fields=["revision"],
                condition=Q(revoked_at=None),
                name="accreditation_one_open_share_per_revision",
            )
        ]

    def __str__(self):
        return self.revision.object_str


class EmbargoLink(models.Model):
    """One journalist's personal link to one share. Created in the transaction that sends its
    email: the token exists only in that email."""

    share = models.ForeignKey(EmbargoShare, on_delete=models.CASCADE, related_name="links")
    accreditation = models.ForeignKey(
        Accreditation,
        verbose_name=_("journalist"),
        on_delete=models.CASCADE,
        related_name="embargo_links",
    )
    token_hash = models.CharField(max_length=64, unique=True, null=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("link valid until"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # The mail service refused the address: no link went out.
    refused = models.BooleanField(_("address refused"), default=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("embargo link")
        verbose_name_plural = _("embargo links")
        constraints = [
            models.UniqueConstraint(
                fields=["share", "accreditation"], name="accreditation_one_link_per_journalist"
            )
        ]

    def __str__(self):
        return f"{self.share} → {self.accreditation}"


class EmbargoAccess(models.Model):
    class Agent(models.TextChoices):
        BROWSER = "browser", _("Browser")
        SCANNER = "scanner", _("Link scanner or robot")
        OTHER = "other", _("Unknown")

    link = models.ForeignKey(EmbargoLink, on_delete=models.CASCADE, related_name="accesses")
    accessed_at = models.DateTimeField(_("opened at"), default=timezone.now, db_index=True)
    agent = models.CharField(_("client"), max_length=10, choices=Agent)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    # Set when the page's image beacon loads: the text was displayed (a scanner that only
    # fetches the HTML leaves it empty).
    displayed_at = models.DateTimeField(_("displayed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("embargo access")
        verbose_name_plural = _("embargo accesses")
        ordering = ["-accessed_at"]

    def __str__(self):
        return f"{self.link} @ {self.accessed_at:%Y-%m-%d %H:%M}"
