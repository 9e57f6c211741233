"""The report's edit form: a photographer picks among their own publishers only, and a report
whose photos lack alt text is not published."""

from django.db import models
from django.utils.translation import ngettext
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

    def is_valid(self):
        # After the photos' formset is cleaned (ClusterForm validates it after this form).
        valid = super().is_valid()
        if valid and "action-publish" in self.data:
            # The model refuses it too (PhotoReportPage.clean), on every path; here the editor
            # sees the message in the form instead of an error page.
            missing = undescribed_images(self.formsets.get("photos"))
            if missing:
                self.add_error(None, undescribed_photos_message(missing))
                return False
        return valid


def undescribed_images(formset):
    """Titles of the images without a description among the photos of `formset`."""
    if formset is None:
        return []
    titles = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        image = data.get("image")
        if image is not None and not data.get("DELETE") and not (image.description or "").strip():
            titles.append(image.title)
    return titles


def undescribed_photos_message(titles):
    """Why a report with the images `titles` undescribed cannot be published."""
    return ngettext(
        "A published report needs a description (alt text) for every photo; "
        "describe this image first: %(titles)s.",
        "A published report needs a description (alt text) for every photo; "
        "describe these images first: %(titles)s.",
        len(titles),
    ) % {"titles": ", ".join(titles)}
