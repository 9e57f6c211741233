"""The report's edit form: a photographer picks among their own publishers only."""

from django.db import models
from wagtail.admin.forms import WagtailAdminPageForm

from directory.communicators import publishers_for_user
from directory.models import Publisher


class PhotoReportForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is None or "publisher" not in self.fields:
            return
        allowed = publishers_for_user(user).active()
        current = self.instance.publisher_id if self.instance.pk else None
        if current:
            allowed = Publisher.objects.filter(models.Q(pk__in=allowed) | models.Q(pk=current))
        self.fields["publisher"].queryset = allowed
        ids = list(allowed.values_list("pk", flat=True)[:2])
        if not current and len(ids) == 1:
            self.initial["publisher"] = ids[0]
