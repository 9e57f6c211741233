"""Subscribers, their pending requests, the digest rounds and every delivery of a release to a
subscriber. A (subscriber, release version) pair has at most one Delivery row: that unique
constraint is what makes sending exactly once."""

import re
import secrets
import uuid
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from core.tokens import hash_token, new_token

from . import conf

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


class Frequency(models.TextChoices):
    DIGEST = "digest", _("Digest (three times a day)")
    IMMEDIATE = "immediate", _("Immediately, one email per release")


class SubscriptionRequest(models.Model):
    """A subscription waiting for the confirmation of its address. Nothing but the confirmation
    email is sent before it is confirmed; unconfirmed requests are deleted once expired."""

    email = models.EmailField(_("email"), db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    # The choices as submitted (ids and codes), applied to the subscriber on confirmation.
    choices = models.JSONField(default=dict)
    email_language = models.CharField(max_length=5, choices=LANGUAGE_CHOICES)
    consent_text = models.TextField(_("wording consented to"))
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    # Written with the sending of the confirmation email: it is sent once.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("subscription request")
        verbose_name_plural = _("subscription requests")

    def __str__(self):
        return self.email

    @classmethod
    def create(cls, *, email, choices, email_language, consent_text):
        """The request and its raw token: only the hash is stored, the token goes in the email."""
        token = new_token()
        now = timezone.now()
        request = cls.objects.create(
            email=email,
            token_hash=hash_token(token),
            choices=choices,
            email_language=email_language,
            consent_text=consent_text,
            created_at=now,
            expires_at=now + conf.confirmation_lifetime(),
        )
        return request, token

    def renew_token(self):
        """A new raw token for the confirmation email; the old one stops working once saved."""
        token = new_token()
        self.token_hash = hash_token(token)
        return token

    @classmethod
    def find(cls, token):
        """The unexpired request of `token`, or None."""
        if not token or len(token) > 100:
            return None
        return cls.objects.filter(
            token_hash=hash_token(token), expires_at__gt=timezone.now()
        ).first()


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(state=Subscriber.State.ACTIVE)

    def with_choices(self):
        return self.prefetch_related("publishers", "themes")


class Subscriber(models.Model):
    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended (bounce or complaint)")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    # Identifies the subscriber in links, so that ids are not enumerable.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Part of every link token: replacing it invalidates all links sent so far.
    secret = models.CharField(max_length=64, default=secrets.token_hex, editable=False)
    email = models.EmailField(_("email"), unique=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.ACTIVE, db_index=True
    )
    frequency = models.CharField(
        _("frequency"), max_length=20, choices=Frequency.choices, default=Frequency.DIGEST
    )
    everything = models.BooleanField(_("all releases"), default=False)
    publishers = models.ManyToManyField(
        "directory.Publisher", verbose_name=_("publishers"), blank=True, related_name="+"
    )
    themes = models.ManyToManyField(
        "releases.Theme", verbose_name=_("themes"), blank=True, related_name="+"
    )
    content_languages = models.JSONField(_("content languages"), default=list)
    email_language = models.CharField(_("email language"), max_length=5, choices=LANGUAGE_CHOICES)
    # Releases that went live before this moment are not sent (no backlog on subscribing).
    confirmed_at = models.DateTimeField(_("confirmed at"))
    consent_at = models.DateTimeField(_("consent given at"))
    consent_text = models.TextField(_("wording consented to"))
    consent_language = models.CharField(_("consent language"), max_length=5)
    state_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)
    state_reason = models.CharField(_("reason"), max_length=255, blank=True)

    objects = SubscriberQuerySet.as_manager()

    panels = [
        FieldPanel("email", read_only=True),
        FieldPanel("state"),
        FieldPanel("state_reason"),
        FieldPanel("frequency"),
        FieldPanel("everything"),
        FieldPanel("publishers"),
        FieldPanel("themes"),
        FieldPanel("email_language"),
    ]

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        indexes = [models.Index(fields=["state", "frequency", "id"])]

    def __str__(self):
        return self.email

    @property
    def is_active(self):
        return self.state == self.State.ACTIVE

    def set_state(self, state, reason=""):
        self.state = state
        self.state_reason = reason[:255]
        self.state_changed_at = timezone.now()
        self.save(update_fields=["state", "state_reason", "state_changed_at"])

    def matches(self, release, publisher_ids, theme_ids):
        """Does `release` (with co_publishers and themes prefetched) match the choices?
        `publisher_ids` and `theme_ids` are this subscriber's, as sets."""
        if release.locale.language_code not in self.content_languages:
            return False
        if self.everything:
            return True
        if release.publisher_id in publisher_ids:
            return True
        if any(p.pk in publisher_ids for p in release.co_publishers.all()):
            return True
        return any(t.pk in theme_ids for t in release.themes.all())


class Dispatch(models.Model):
    """One email to one subscriber, carrying the Delivery rows of the releases it lists.

    Created PENDING, with the claim of the batch that sends it, in the transaction that
    inserts its Delivery rows; marked SENT (with the ESP's message id) once the email backend
    accepted the email. The send state lives here, one row per email, rather than on each of
    the ~30 Delivery rows of a digest: marking an email sent writes one row."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    class Kind(models.TextChoices):
        DIGEST = "digest", _("Digest")
        ALERT = "alert", _("Immediate alert")
        UPDATE = "update", _("Update alert")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="dispatches")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    round = models.ForeignKey(
        "DigestRound", null=True, blank=True, on_delete=models.SET_NULL, related_name="dispatches"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    claim = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")
        indexes = [
            models.Index(fields=["claim", "state"]),
            # The ESP's tracking events name the email by its message id (audience's reach).
            models.Index(fields=["message_id"], name="dispatch_message_id"),
        ]

    def __str__(self):
        return f"{self.subscriber_id} ({self.state})"


class Delivery(models.Model):
    """One release version sent (or being sent) to one subscriber, in the email `dispatch`.
    The unique (subscriber, page) constraint is what makes sending exactly once; its state is
    the state of its dispatch."""

    # A round inserts millions of these rows: each index and each foreign-key check counts.
    # No index on subscriber (the unique constraint starts with it). No database-level
    # foreign key on subscriber and dispatch: a delivery is only ever inserted in the
    # statement that inserts its dispatch, for the dispatch's subscriber, and that
    # dispatch's own foreign key to the subscriber is checked (a subscriber erased
    # meanwhile fails the whole claim). Deletions go through Django, which cascades
    # (on_delete). The key to the page, which editors may delete, stays checked.
    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        related_name="deliveries",
        db_index=False,
        db_constraint=False,
    )
    page = models.ForeignKey(
        "releases.PressReleasePage", on_delete=models.CASCADE, related_name="+"
    )
    dispatch = models.ForeignKey(
        Dispatch, on_delete=models.CASCADE, related_name="deliveries", db_constraint=False
    )

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [models.UniqueConstraint(fields=["subscriber", "page"], name="delivery_once")]

    def __str__(self):
        return f"{self.subscriber_id} → {self.page_id}"


class UpdateAlert(models.Model):
    """An update note of a release whose alert was queued: written with the queuing, in the
    publishing transaction, so that a note alerts once whatever the number of later publishes
    (a republish without a new note alerts no one)."""

    note = models.OneToOneField(
        "releases.ReleaseUpdate", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("update alert")
        verbose_name_plural = _("update alerts")

    def __str__(self):
        return str(self.note_id)


class UpdateDelivery(models.Model):
    """One update note sent (or being sent) to one subscriber, in the email `dispatch`: the
    Delivery of an update alert, exactly once under its unique (subscriber, note) constraint
    (see subscriptions.updates)."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="update_deliveries", db_index=False
    )
    note = models.ForeignKey("releases.ReleaseUpdate", on_delete=models.CASCADE, related_name="+")
    dispatch = models.ForeignKey(
        Dispatch, on_delete=models.CASCADE, related_name="update_deliveries"
    )

    class Meta:
        verbose_name = _("update delivery")
        verbose_name_plural = _("update deliveries")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "note"], name="update_delivery_once")
        ]

    def __str__(self):
        return f"{self.subscriber_id} → note {self.note_id}"


class DigestBatch(models.Model):
    """A slice of a round's subscribers, sent by one task. Its counts are recomputed from the
    Dispatch rows when it ends, so a retried batch does not count twice."""

    round = models.ForeignKey("DigestRound", on_delete=models.CASCADE, related_name="batch_set")
    number = models.PositiveIntegerField()
    subscriber_ids = models.JSONField(default=list)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    suppressed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="digest_batch_once")
        ]

    def __str__(self):
        return f"{self.round} #{self.number}"

    @property
    def claim(self):
        """The claim of this batch's dispatches: the same on every retry of the batch."""
        return f"digest:{self.pk}"


class DigestRound(models.Model):
    """One digest round, for one slot of the schedule: unique, so that two beats or a manual
    run cannot start the same slot twice."""

    slot = models.DateTimeField(_("slot"), unique=True)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    manual = models.BooleanField(_("started by hand"), default=False)
    batches = models.PositiveIntegerField(_("batches"), default=0)
    batches_done = models.PositiveIntegerField(_("batches done"), default=0)
    subscribers = models.PositiveIntegerField(_("subscribers"), default=0)
    sent = models.PositiveIntegerField(_("sent"), default=0)
    skipped = models.PositiveIntegerField(
        _("skipped"), default=0, help_text=_("Subscribers with no new matching release.")
    )
    failed = models.PositiveIntegerField(_("failed"), default=0)
    suppressed = models.PositiveIntegerField(
        _("suppressed"),
        default=0,
        help_text=_("Subscribers suspended or unsubscribed after the round started."),
    )

    class Meta:
        ordering = ["-slot"]
        verbose_name = _("digest round")
        verbose_name_plural = _("digest rounds")

    def __str__(self):
        return timezone.localtime(self.slot).strftime("%Y-%m-%d %H:%M")


TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_times(value):
    """'08:00, 12:00, 17:00' → sorted list of `time`; ValueError on anything else."""
    times = set()
    for part in value.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        match = TIME_RE.match(part)
        if not match:
            raise ValueError(part)
        times.add(time(int(match.group(1)), int(match.group(2))))
    if not times:
        raise ValueError(value)
    return sorted(times)


def validate_times(value):
    try:
        parse_times(value)
    except ValueError:
        raise ValidationError(
            _("Give one or more times as HH:MM separated by commas, for example 08:00, 12:00.")
        ) from None


@register_setting(icon="mail")
class DigestSettings(BaseGenericSetting):
    """When digest rounds start; an administrator changes them in Settings, no deploy needed."""

    times = models.CharField(
        _("digest times"),
        max_length=200,
        default="08:00, 12:00, 17:00",
        validators=[validate_times],
        help_text=_("Times of day (Europe/Brussels), HH:MM separated by commas."),
    )

    panels = [FieldPanel("times")]

    class Meta:
        verbose_name = _("email digests")

    def slot_times(self):
        try:
            return parse_times(self.times)
        except ValueError:
            return parse_times("08:00, 12:00, 17:00")

    def latest_slot(self, now=None):
        """The latest scheduled moment at or before `now` (aware, in the site's time zone)."""
        now = timezone.localtime(now or timezone.now())
        for days_back in (0, 1):
            day = now.date() - timedelta(days=days_back)
            for slot_time in reversed(self.slot_times()):
                # make_aware picks the offset of that day (DST changes).
                slot = timezone.make_aware(datetime.combine(day, slot_time))
                if slot <= now:
                    return slot
        return None
