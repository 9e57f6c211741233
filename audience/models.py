"""What is counted, in aggregate only: no row names a person, an address, a browser or a
cookie (docs/audience.md).

- `DailyCount`: requests of one kind (page views, downloads, feeds, API) per day, object and
  language. Written only by `counting.add_counts` (an upsert that adds), from the Redis
  buffer's flush or, without Redis, straight from the request.
- `FlushRecord`: one per buffer flushed from Redis, written in the transaction that adds its
  counts: a flush interrupted after its commit is never added twice.
- `EmailEvent`: one ESP tracking event (delivered, bounced, opened, clicked...) per email and
  type, whatever the ESP's retries; rolled up per release into `EmailReach`, then kept only
  as long as an ESP may resend it.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PAGE_VIEW = "view", _("Page views")
    DOCUMENT = "document", _("Document downloads")
    RELEASE_PDF = "pdf", _("Release PDF downloads")
    PHOTO = "photo", _("Photo downloads")
    PHOTO_REPORT = "report_zip", _("Photo report downloads (ZIP)")
    FEED = "feed", _("Feed requests")
    API = "api", _("API requests")


class DailyCount(models.Model):
    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    # The URL name of what was requested when the kind has several (feeds, API endpoints).
    name = models.CharField(_("name"), max_length=100, blank=True, default="")
    # The page (views, PDFs), document or photo: 0 when the kind has none (feeds, API).
    object_id = models.PositiveBigIntegerField(_("object"), default=0)
    language = models.CharField(_("language"), max_length=5, blank=True, default="")
    count = models.PositiveBigIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("daily count")
        verbose_name_plural = _("daily counts")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "kind", "name", "object_id", "language"], name="daily_count_once"
            )
        ]
        # The dashboards read one object's days, or one day's objects of a kind.
        indexes = [models.Index(fields=["kind", "object_id", "day"], name="daily_count_object")]

    def __str__(self):
        return f"{self.day} {self.kind} {self.name or self.object_id} {self.language}: {self.count}"


class FlushRecord(models.Model):
    flush_id = models.CharField(max_length=64, unique=True)
    flushed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("flush")
        verbose_name_plural = _("flushes")

    def __str__(self):
        return self.flush_id


class EmailEventType(models.TextChoices):
    DELIVERED = "delivered", _("Delivered")
    BOUNCED = "bounced", _("Bounced")
    OPENED = "opened", _("Opened")
    CLICKED = "clicked", _("Clicked")
    COMPLAINED = "complained", _("Marked as spam")


class EmailEvent(models.Model):
    message_id = models.CharField(max_length=255)
    event = models.CharField(max_length=12, choices=EmailEventType.choices)
    received_at = models.DateTimeField(default=timezone.now)
    counted = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("email event")
        verbose_name_plural = _("email events")
        constraints = [
            models.UniqueConstraint(fields=["message_id", "event"], name="email_event_once")
        ]
        indexes = [
            models.Index(
                fields=["received_at"],
                condition=models.Q(counted=False),
                name="email_event_to_count",
            ),
            models.Index(fields=["received_at"], name="email_event_received"),
        ]

    def __str__(self):
        return f"{self.message_id} {self.event}"


class EmailReach(models.Model):
    """Emails of one kind (digest, alert, update alert) listing a release, per event type."""

    page = models.ForeignKey(
        "releases.PressReleasePage", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10)
    event = models.CharField(max_length=12, choices=EmailEventType.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("email reach")
        verbose_name_plural = _("email reach")
        constraints = [
            models.UniqueConstraint(fields=["page", "kind", "event"], name="email_reach_once")
        ]

    def __str__(self):
        return f"{self.page_id} {self.kind} {self.event}: {self.count}"
