"""What the Presscenter import has written, keyed on the Drupal ids, so that a second run
creates nothing new and a killed run resumes where it stopped."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedNode(models.Model):
    """One Drupal node and the release page it became. Written in the same transaction as the
    page: a node has a row if and only if its page exists."""

    nid = models.PositiveIntegerField(_("Drupal node id"), unique=True)
    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="imported_node",
    )
    vid = models.PositiveIntegerField(_("Drupal revision id"))
    tnid = models.PositiveIntegerField(_("Drupal translation set"), default=0)
    language = models.CharField(_("Drupal language"), max_length=12, blank=True)
    author = models.CharField(
        _("Drupal author"), max_length=255, blank=True, help_text=_("The user who wrote the node.")
    )
    checksum = models.CharField(_("content checksum"), max_length=64)
    links_pending = models.BooleanField(
        _("links to resolve"),
        default=False,
        help_text=_("The body links to nodes that were not imported yet when it was written."),
    )
    problems = models.JSONField(_("problems"), default=list, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("imported node")
        verbose_name_plural = _("imported nodes")

    def __str__(self):
        return f"node/{self.nid}"


class ImportedFile(models.Model):
    """One Drupal file (fid) and the Wagtail document and/or image made of it. Files with the
    same content share one document or image (see `sha256`)."""

    fid = models.PositiveIntegerField(_("Drupal file id"), unique=True)
    filepath = models.CharField(_("Drupal file path"), max_length=500)
    sha256 = models.CharField(_("content hash"), max_length=64, db_index=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")

    def __str__(self):
        return self.filepath


class ImportRun(models.Model):
    """One run of import_presscenter and its report."""

    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=255)
    dry_run = models.BooleanField(_("dry run"), default=False)
    counts = models.JSONField(_("counts"), default=dict)
    report_path = models.CharField(_("report file"), max_length=500, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self):
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M}"
