"""Image blocks that load each image's rights (core.image_rights) with the image: one join,
not a query per picture, when a page renders its credits. Wagtail's blocks load every image of
a StreamField's blocks of one type in one `in_bulk`; these do the same with `select_related`."""

import copy

from wagtail.images.blocks import ImageBlock, ImageChooserBlock


class CreditedImageChooserBlock(ImageChooserBlock):
    def bulk_to_python(self, values):
        values = list(values)
        found = self.model_class.objects.select_related("rights").in_bulk(
            [value for value in values if value is not None]
        )
        result, seen = [], set()
        for pk in values:
            image = found.get(pk)
            if image is not None and pk in seen:
                # Each use gets its own instance (ImageBlock sets its alt text on it).
                image = copy.copy(image)
            result.append(image)
            seen.add(pk)
        return result

    def to_python(self, value):
        if value is None or hasattr(value, "pk"):
            return value
        return self.model_class.objects.select_related("rights").filter(pk=value).first()


class CreditedImageBlock(ImageBlock):
    """Wagtail's ImageBlock (image, alt text, decorative) with the rights loaded alongside."""

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        self.child_blocks["image"] = CreditedImageChooserBlock(required=required)
        self.child_blocks["image"].set_name("image")

    def deconstruct(self):
        return ("core.image_blocks.CreditedImageBlock", [], self._constructor_kwargs)
