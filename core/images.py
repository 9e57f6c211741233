"""Images carry a description, which Wagtail uses as their default alt text (image blocks,
rich text). Without one, Wagtail falls back to the title, which an upload fills from the file
name: "IMG_2034" read out to a blind reader. Wired in through WAGTAILIMAGES_IMAGE_FORM_BASE,
so the add and edit forms, the chooser's upload and each image of the multiple uploader ask
for it."""

import os

from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.forms import BaseImageForm


class DescribedImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("description")
        if field is None:
            return
        field.help_text = _(
            "What the picture shows, for people who cannot see it: the default alt text. "
            "Not the file name."
        )
        # The multiple uploader first posts the file alone, then asks for each image's
        # details (this field included) in a form of its own.
        field.required = not (self.is_bound and self.add_prefix("description") not in self.data)

    def clean(self):
        cleaned = super().clean()
        description = (cleaned.get("description") or "").strip()
        file = cleaned.get("file") or self.instance.file
        stem = os.path.splitext(os.path.basename(file.name))[0] if file else ""
        if description and description.casefold() == stem.casefold():
            self.add_error("description", _("Describe the picture, not its file name."))
        return cleaned


def images_without_description():
    """Images uploaded before a description was required, or imported without one: their alt
    text falls back to the title, often the file name. The report, the dashboard hint and
    `manage.py images_without_description` list them so they can be described."""
    return get_image_model().objects.filter(description="").order_by("-created_at", "-pk")
