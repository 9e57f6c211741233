from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AudienceConfig(AppConfig):
    name = "audience"
    verbose_name = _("Statistics")

    def ready(self):
        from . import email_reach

        email_reach.connect()
