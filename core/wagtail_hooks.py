from django.urls import include, path
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.chooser import ChooserViewSet

from . import front_cache, images_admin, outbox_admin

# Wagtail's ChooserViewSet (wagtail/admin/viewsets/chooser.py) translates these two labels
# with `gettext` when the module is imported, that is in the site's default language (nl): the
# English admin's image and document choosers said "Zoeken". Lazy, they follow each request's
# language. (Read when the admin URLs are built, after every wagtail_hooks module is loaded.)
ChooserViewSet.search_tab_label = gettext_lazy("Search")
ChooserViewSet.edit_item_text = gettext_lazy("Edit")


@hooks.register("register_admin_urls")
def register_outbox_admin_urls():
    return [path("undelivered-work/", include((outbox_admin.admin_urls(), "core_outbox")))]


@hooks.register("register_reports_menu_item")
def register_outbox_report_menu_item():
    return outbox_admin.menu_item()


@hooks.register("register_admin_urls")
def register_images_report_urls():
    return [
        path(
            "images-without-description/",
            include((images_admin.admin_urls(), "core_images_without_description")),
        )
    ]


hooks.register("register_reports_menu_item", images_admin.menu_item)
hooks.register("construct_homepage_panels", images_admin.dashboard_panels)


@hooks.register("before_serve_page")
def tag_served_page(page, request, serve_args, serve_kwargs):
    # The public page may be kept by the front cache until it changes (core.front_cache).
    front_cache.tag_page(page, request)
