"""Images carry a description, which Wagtail uses as their default alt text (image blocks,
rich text). Without one, Wagtail falls back to the title, which an upload fills from the file
name: "IMG_2034" read out to a blind reader. Wired in through WAGTAILIMAGES_IMAGE_FORM_BASE,
so the add and edit forms, the chooser's upload and each image of the multiple uploader ask
for it.

The same form edits the image's rights (core.image_rights: caption, photographer, credit,
copyright, licence, date taken, keywords), pre-filled on upload from the file's metadata; a
file whose caption says what it shows needs no description typed again."""

import os

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.images import get_image_model
from wagtail.images.forms import BaseImageForm

from .image_rights import ImageRights, Licence, rights_of
from .photo_metadata import read_metadata

RIGHTS_FIELDS = ("caption", "creator", "credit", "copyright", "licence", "date_taken", "keywords")


class DescribedImageForm(BaseImageForm):
    caption = forms.CharField(
        label=_("Caption"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Read from the file (IPTC/XMP) on upload when it has one."),
    )
    creator = forms.CharField(label=_("Photographer"), required=False, max_length=255)
    credit = forms.CharField(
        label=_("Credit line"),
        required=False,
        max_length=255,
        help_text=_(
            "As it must be printed, e.g. “Belga / Jane Doe”. Defaults to the photographer."
        ),
    )
    copyright = forms.CharField(label=_("Copyright notice"), required=False, max_length=255)
    licence = forms.ChoiceField(
        label=_("Licence"), required=False, choices=[("", "---------"), *Licence.choices]
    )
    date_taken = forms.DateTimeField(
        label=_("Date taken"), required=False, widget=AdminDateTimeInput()
    )
    keywords = forms.CharField(
        label=_("Keywords"), required=False, max_length=1000, help_text=_("Separated by commas.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rights = rights_of(self.instance) if self.instance.pk else None
        if rights is not None:
            for name in RIGHTS_FIELDS:
                self.initial.setdefault(name, getattr(rights, name))
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

    def _new_file(self, cleaned):
        file = cleaned.get("file")
        return file if file and "file" in self.changed_data else None

    def clean(self):
        cleaned = super().clean()
        file = self._new_file(cleaned)
        if "description" in self.errors and file is not None:
            # The file's own caption describes it: the description is not asked again.
            file.seek(0)
            caption = read_metadata(file.read())["caption"]
            file.seek(0)
            if caption:
                del self.errors["description"]
                cleaned["description"] = caption[:255]
        description = (cleaned.get("description") or "").strip()
        file = cleaned.get("file") or self.instance.file
        stem = os.path.splitext(os.path.basename(file.name))[0] if file else ""
        if description and description.casefold() == stem.casefold():
            self.add_error("description", _("Describe the picture, not its file name."))
        return cleaned

    def _posted_rights(self):
        return [name for name in RIGHTS_FIELDS if self.add_prefix(name) in self.data]

    def save(self, commit=True):
        image = super().save(commit=commit)
        if commit:
            self.save_rights()
        else:
            save_m2m = self.save_m2m

            def save_m2m_and_rights():
                save_m2m()
                self.save_rights()

            self.save_m2m = save_m2m_and_rights
        return image

    def save_rights(self):
        """Store the rights posted with the form. With a new file, what the editor left empty
        keeps what the file said (core.image_rights read it while saving the image)."""
        posted = self._posted_rights()
        if not posted or not self.instance.pk:
            return
        new_file = "file" in self.changed_data
        rights = ImageRights.objects.filter(image=self.instance).first()
        rights = rights or ImageRights(image=self.instance)
        for name in posted:
            value = self.cleaned_data.get(name)
            if value in (None, "") and new_file:
                continue
            setattr(rights, name, "" if value is None and name != "date_taken" else value)
        rights.save()
        self.instance.rights = rights


def images_without_description():
    """Images uploaded before a description was required, or imported without one: their alt
    text falls back to the title, often the file name. The report, the dashboard hint and
    `manage.py images_without_description` list them so they can be described."""
    return get_image_model().objects.filter(description="").order_by("-created_at", "-pk")
