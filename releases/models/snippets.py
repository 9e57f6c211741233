"""The taxonomy of releases."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from core.i18n import TranslatedField


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
