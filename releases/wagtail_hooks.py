"""Admin for releases: who may act on which page, and the themes snippet."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.pages import HOME_PAGE_CONTEXT_HOOK, PAGE_PERMISSION_TESTER_HOOK
from directory.communicators import publisher_ids_for_user

from . import admin_views
from .dashboard import PUBLISHER_PARAMETER, dashboard_panels
from .home import home_page_context
from .media_access import document_is_public, may_see_unpublished
from .models import PressReleasePage, Theme
from .models.press_release import remember_requested_publisher
from .permissions import PublisherPagePermissionTester, permission_tester
from .translation import (
    ManagedSnippetsAPI,
    OwnTranslationsReportView,
    SubmitOwnPageTranslationView,
    UpdateOwnTranslationsView,
)
from .withdrawal import UNPUBLISH_ACTION, WITHDRAW_ACTION, ReasonForm, log_unpublish_reason

# Every page class (core's home and content pages too) asks this tester for admin actions.
hooks.register(PAGE_PERMISSION_TESTER_HOOK, PublisherPagePermissionTester)
# The home page shows the latest releases and Council meeting.
hooks.register(HOME_PAGE_CONTEXT_HOOK, home_page_context)


def _own_releases_only(user):
    """Pages other than releases, and the releases of `user`'s publishers."""
    return Q(pressreleasepage__isnull=True) | Q(
        pressreleasepage__publisher_id__in=publisher_ids_for_user(user)
    )


class PublisherPagePermissionPolicy(PagePermissionPolicy):
    """Communicators only see the releases of their own publishers in the page explorer, the
    admin page search and the admin API, and only those count as pages they may change (the
    workflow reports, the locked pages report list those): the tree stays short and shows what
    they may touch, and no one reads another publisher's unpublished titles."""

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        if user.is_superuser:
            return pages
        return pages.filter(_own_releases_only(user))

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if user.is_superuser:
            return pages
        return pages.filter(_own_releases_only(user))


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    """The page chooser (links, related releases; browse and search) offers a communicator
    every page but other publishers' releases that are not live or have unpublished changes:
    linking to a colleague's published release is normal, reading their drafts' titles is not.
    By id, so that the search backend can apply it."""
    user = request.user
    if user.is_superuser:
        return pages
    shown = Page.objects.filter(
        _own_releases_only(user) | Q(live=True, has_unpublished_changes=False)
    )
    return pages.filter(pk__in=shown.values("pk"))


# Registered on import, before Wagtail first looks the page policy up.
register_permission_policy(Page, PublisherPagePermissionPolicy(Page))


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _tester(request, page):
    # Every page type, whether or not its class asks this tester itself.
    return permission_tester(request.user, page)


@hooks.register("register_admin_urls", order=-1)
def guard_translation_urls():
    """wagtail-localize's paths, resolved here first: see releases.translation."""
    return [
        path("localize/submit/page/<int:page_id>/", SubmitOwnPageTranslationView.as_view()),
        path("localize/update/<int:translation_source_id>/", UpdateOwnTranslationsView.as_view()),
        path("localize/reports/translations/", OwnTranslationsReportView.as_view()),
        path(
            "localize/reports/translations/results/",
            OwnTranslationsReportView.as_view(results_only=True),
        ),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/",
            ManagedSnippetsAPI.as_view({"get": "list"}),
        ),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
            ManagedSnippetsAPI.as_view({"get": "retrieve"}),
        ),
    ]


@hooks.register("before_create_page")
def check_create(request, parent_page, page_class):
    _require(_tester(request, parent_page).can_add_subpage())
    if issubclass(page_class, PressReleasePage):
        # The dashboard's "new press release" links name the publisher.
        remember_requested_publisher(request.user, request.GET.get(PUBLISHER_PARAMETER))


hooks.register("construct_homepage_panels", dashboard_panels)


@hooks.register("before_edit_page")
def check_edit(request, page):
    _require(permission_tester(request.user, page).can_edit())


@hooks.register("before_delete_page")
def check_delete(request, page):
    _require(_tester(request, page).can_delete())


@hooks.register("before_unpublish_page")
def check_unpublish(request, page):
    _require(_tester(request, page).can_unpublish())
    if not isinstance(page.specific_deferred, PressReleasePage):
        return None
    # A release leaves no silent gap: the administrator's reason goes to the page history
    # (the confirmation page asks for it: templates/wagtailadmin/pages/confirm_unpublish.html).
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for unpublishing this release."))
        return redirect(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    log_unpublish_reason(page.specific_deferred, form.cleaned_data["reason"], request.user)
    return None


@hooks.register("before_move_page")
def check_move(request, page, destination):
    _require(_tester(request, page).can_move_to(destination))


@hooks.register("before_copy_page")
def check_copy(request, page):
    _require(_tester(request, page).can_copy())


@hooks.register("before_convert_alias_page")
def check_convert_alias(request, page):
    _require(_tester(request, page).can_edit())


BULK_CHECKS = {
    "publish": "can_publish",
    "unpublish": "can_unpublish",
    "delete": "can_delete",
    "move": "can_move",
}


@hooks.register("before_bulk_action")
def check_bulk_action(request, action_type, objects, action_class_instance):
    check = BULK_CHECKS.get(action_type)
    if check is None:
        return None
    for obj in objects:
        if isinstance(obj, Page):
            _require(getattr(_tester(request, obj), check)())
    if action_type == "unpublish" and any(
        isinstance(obj, Page) and obj.specific_class is PressReleasePage for obj in objects
    ):
        # Each release is unpublished on its own, with its reason.
        messages.error(request, _("Releases are unpublished one at a time, with a reason."))
        return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
    return None


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("releases/withdraw/<int:page_pk>/", admin_views.withdraw_view, name="release_withdraw")
    ]


class WithdrawButton(PageMenuItem):
    label = _("Withdraw")
    icon_name = "warning"
    url_name = "release_withdraw"
    priority = 45

    def is_shown(self, user):
        return _tester_for(user, self.page).can_withdraw()


def _tester_for(user, page):
    # Withdrawal is the releases' own: every other page type answers no.
    return PublisherPagePermissionTester(user, page.specific_deferred)


@hooks.register("register_page_listing_more_buttons")
def withdraw_listing_button(page, user, next_url=None):
    yield WithdrawButton(page=page, next_url=next_url)


@hooks.register("register_page_header_buttons")
def withdraw_header_button(page, user, view_name, next_url=None):
    yield WithdrawButton(page=page, next_url=next_url)


class ReasonLogFormatter(LogFormatter):
    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("reason", "")


@hooks.register("register_log_actions")
def register_release_log_actions(actions):
    @actions.register_action(WITHDRAW_ACTION)
    class WithdrawFormatter(ReasonLogFormatter):
        label = _("Withdraw")
        message = _("Withdrawn")

    @actions.register_action(UNPUBLISH_ACTION)
    class UnpublishReasonFormatter(ReasonLogFormatter):
        label = _("Reason for unpublishing")
        message = _("Unpublished by an administrator")


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["slug", "name_fr", "name_nl", "name_de", "name_en"]
    ordering = ["sort_order", "slug"]


register_snippet(ThemeViewSet)


@hooks.register("before_serve_document")
def withhold_unpublished_documents(document, request):
    # An embargoed release's files are not out before the release (see media_access).
    if not document_is_public(document) and not may_see_unpublished(request.user, document):
        raise Http404
