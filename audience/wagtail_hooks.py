"""Admin: the "Statistics" menu item (communicators and superusers), its pages, and a link to a
release's statistics from the page listing and the release's header."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from directory.communicators import is_communicator
from releases.models import PressReleasePage

from . import dashboards


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_communicator(request.user)


@hooks.register("register_admin_urls")
def register_statistics_urls():
    return [
        path("statistics/", dashboards.IndexView.as_view(), name="audience_index"),
        path(
            "statistics/publisher/<int:pk>/",
            dashboards.PublisherView.as_view(),
            name="audience_publisher",
        ),
        path(
            "statistics/release/<int:pk>/",
            dashboards.ReleaseView.as_view(),
            name="audience_release",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Statistics"), reverse("audience_index"), icon_name="table", order=460
    )


def _is_release(page):
    return issubclass(page.specific_class or type(page), PressReleasePage)


def _button(page, priority):
    return PageMenuItem(
        _("Statistics"),
        url=reverse("audience_release", args=[page.pk]),
        icon_name="table",
        priority=priority,
        page=page,
    )


@hooks.register("register_page_listing_more_buttons")
def statistics_listing_button(page, user, next_url=None):
    if _is_release(page) and page.live and is_communicator(user):
        yield _button(page, priority=45)


@hooks.register("register_page_header_buttons")
def statistics_header_button(page, user, view_name, next_url=None):
    if _is_release(page) and page.live and is_communicator(user):
        yield _button(page, priority=70)
