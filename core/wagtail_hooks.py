from django.urls import include, path
from wagtail import hooks

from . import front_cache, outbox_admin


@hooks.register("register_admin_urls")
def register_outbox_admin_urls():
    return [path("undelivered-work/", include((outbox_admin.admin_urls(), "core_outbox")))]


@hooks.register("register_reports_menu_item")
def register_outbox_report_menu_item():
    return outbox_admin.menu_item()


@hooks.register("before_serve_page")
def tag_served_page(page, request, serve_args, serve_kwargs):
    # The public page may be kept by the front cache until it changes (core.front_cache).
    front_cache.tag_page(page, request)
