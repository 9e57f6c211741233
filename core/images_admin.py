"""Admin: Reports → Images without description, and a hint on administrators' dashboard while
there are any. An image's description is its default alt text; the old ones may lack it."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .images import images_without_description

LISTED = 200


def may_see(user):
    return user.is_active and user.is_superuser


class ImagesWithoutDescriptionView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/images_without_description.html"
    page_title = gettext_lazy("Images without description")
    header_icon = "image"

    def dispatch(self, request, *args, **kwargs):
        if not may_see(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        images = images_without_description()
        return {
            **super().get_context_data(**kwargs),
            "images": images.select_related("collection")[:LISTED],
            "count": images.count(),
        }


def admin_urls():
    return [path("", ImagesWithoutDescriptionView.as_view(), name="index")]


class ImagesWithoutDescriptionMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see(request.user)


def menu_item():
    return ImagesWithoutDescriptionMenuItem(
        gettext_lazy("Images without description"),
        reverse("core_images_without_description:index"),
        name="images-without-description",
        icon_name="image",
        order=910,
    )


class DashboardHint(Component):
    """Tells an administrator how many images still need a description, with the report's
    link; nothing when there are none."""

    name = "images_without_description"
    order = 5
    template_name = "core/dashboard_images_without_description.html"

    def __init__(self, request):
        self.user = request.user

    def get_context_data(self, parent_context=None):
        count = images_without_description().count() if may_see(self.user) else 0
        return {"count": count, "url": reverse("core_images_without_description:index")}


def dashboard_panels(request, panels):
    panels.append(DashboardHint(request))
