"""Admin integration: the applications for accreditation (listing with filters, a decision
view), and on each scheduled release a "Share under embargo" button to its share page."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from releases.models import PressReleasePage

from . import admin_views, embargo
from .models import Accreditation


class AccreditationPermissionPolicy(ModelPermissionPolicy):
    """No "add": applications come in through the public form and its confirmed address."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(Accreditation, AccreditationPermissionPolicy(Accreditation))


class DecisionColumn(Column):
    cell_template_name = "accreditation/admin/decision_cell.html"

    def get_value(self, instance):
        if instance.status in (Accreditation.Status.PENDING, Accreditation.Status.APPROVED):
            return reverse("accreditation_admin:decide", args=[instance.pk])
        return ""


class AccreditationViewSet(ModelViewSet):
    model = Accreditation
    icon = "user"
    menu_label = _("Accreditations")
    add_to_admin_menu = True
    menu_order = 310
    # Applications come in through the public form only.
    inspect_view_enabled = True
    list_display = [
        "name",
        "medium",
        "email",
        "status",
        "expires_at",
        "created_at",
        DecisionColumn("decision", label=_("Decision")),
    ]
    list_filter = ["status", "language", "publishers"]
    search_fields = ["name", "medium", "email", "press_card_number"]
    form_fields = ["name", "medium", "email", "press_card_number", "publishers", "language"]


@hooks.register("register_admin_viewset")
def register_viewset():
    return AccreditationViewSet("accreditation_accreditation")


def _admin_urls():
    return [
        path("decide/<int:pk>/", admin_views.decide, name="decide"),
        path("share/<int:page_pk>/", admin_views.share, name="share"),
    ]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("accreditation/", include((_admin_urls(), "accreditation_admin")))]


def _shareable(page, user):
    """Cheapest checks first: the page listing annotates `approved_schedule`, so live and
    unscheduled rows cost no query."""
    return (
        issubclass(page.specific_class or type(page), PressReleasePage)
        and not page.live
        and page.approved_schedule
        and page.permissions_for_user(user).can_edit()
        and embargo.scheduled_revision(page) is not None
    )


def _share_button(page, user, priority):
    if _shareable(page, user):
        yield PageMenuItem(
            _("Share under embargo"),
            url=reverse("accreditation_admin:share", args=[page.pk]),
            icon_name="mail",
            priority=priority,
            page=page,
        )


@hooks.register("register_page_header_buttons")
def share_header_button(page, user, view_name, next_url=None):
    yield from _share_button(page, user, priority=68)


@hooks.register("register_page_listing_more_buttons")
def share_listing_button(page, user, next_url=None):
    yield from _share_button(page, user, priority=40)
