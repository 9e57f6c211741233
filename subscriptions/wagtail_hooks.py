"""Admin: subscribers (search, filters, CSV export, suspend by editing the state, delete =
GDPR erasure), the counts per publisher and theme, and the digest rounds with their counts.
Digest times are a Wagtail setting (Settings → Email digests)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core.pages import HOME_PAGE_CONTEXT_HOOK
from directory.models import Publisher
from releases.home import entry_point
from releases.models import Theme

from .dashboard import dashboard_panels
from .models import DigestRound, Subscriber


class LimitedPermissionPolicy(ModelPermissionPolicy):
    """The model's Django permissions, minus the actions that make no sense here."""

    def __init__(self, model, denied):
        super().__init__(model)
        self.denied = set(denied)

    def user_has_permission(self, user, action):
        return action not in self.denied and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


# Subscribers only come in through the double opt-in; rounds are written by the tasks.
register_permission_policy(Subscriber, LimitedPermissionPolicy(Subscriber, {"add"}))
register_permission_policy(
    DigestRound, LimitedPermissionPolicy(DigestRound, {"add", "change", "delete"})
)


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "user"
    menu_label = _("Subscribers")
    list_display = ["email", "state", "frequency", "email_language", "confirmed_at"]
    list_filter = ["state", "frequency", "email_language", "everything"]
    search_fields = ["email"]
    list_export = [
        "email",
        "state",
        "frequency",
        "everything",
        "content_languages",
        "email_language",
        "confirmed_at",
        "consent_at",
        "consent_language",
        "state_changed_at",
        "state_reason",
    ]
    export_filename = "subscribers"
    inspect_view_enabled = True
    inspect_view_fields = [
        "email",
        "state",
        "state_reason",
        "state_changed_at",
        "frequency",
        "everything",
        "publishers",
        "themes",
        "content_languages",
        "email_language",
        "confirmed_at",
        "consent_at",
        "consent_language",
        "consent_text",
    ]
    copy_view_enabled = False


class DigestRoundViewSet(ModelViewSet):
    model = DigestRound
    icon = "mail"
    menu_label = _("Digest rounds")
    list_display = [
        "__str__",
        "finished_at",
        "subscribers",
        "sent",
        "skipped",
        "failed",
        "suppressed",
        "manual",
    ]
    list_filter = ["manual"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []


def subscription_counts():
    """Active subscribers per publisher and per theme, and of everything: anonymous counts,
    one query each."""
    active = {"subscriber__state": Subscriber.State.ACTIVE}
    by_publisher = dict(
        Subscriber.publishers.through.objects.filter(**active)
        .values("publisher_id")
        .annotate(n=Count("id"))
        .values_list("publisher_id", "n")
    )
    by_theme = dict(
        Subscriber.themes.through.objects.filter(**active)
        .values("theme_id")
        .annotate(n=Count("id"))
        .values_list("theme_id", "n")
    )
    publishers = [
        (publisher, by_publisher.get(publisher.pk, 0))
        for publisher in Publisher.objects.filter(pk__in=by_publisher)
    ]
    themes = [(theme, by_theme.get(theme.pk, 0)) for theme in Theme.objects.filter(pk__in=by_theme)]
    return {
        "publishers": sorted(publishers, key=lambda row: -row[1]),
        "themes": sorted(themes, key=lambda row: -row[1]),
        "everything": Subscriber.objects.active().filter(everything=True).count(),
        "active": Subscriber.objects.active().count(),
    }


class CountsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "subscriptions/admin/counts.html"
    page_title = _("Subscribers per publisher and theme")
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("subscriptions.view_subscriber"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **subscription_counts()}


class CountsViewSet(ViewSet):
    icon = "list-ul"
    menu_label = _("Counts per publisher and theme")

    def get_urlpatterns(self):
        return [path("", CountsView.as_view(), name="index")]

    @property
    def menu_url(self):
        return reverse(self.get_url_name("index"))


class SubscriptionsGroup(ViewSetGroup):
    menu_label = _("Subscriptions")
    menu_icon = "mail"
    menu_order = 450
    items = (
        SubscriberViewSet("subscribers"),
        CountsViewSet("subscription_counts"),
        DigestRoundViewSet("digest_rounds"),
    )


@hooks.register("register_admin_viewset")
def register_subscriptions_admin():
    return SubscriptionsGroup()


@hooks.register(HOME_PAGE_CONTEXT_HOOK, order=10)
def add_subscribe_entry_point(home, request, context):
    """The home page's door to the subscribe form, after the doors of releases (order 0)."""
    context.setdefault("entry_points", []).append(
        entry_point(
            reverse("subscriptions:subscribe"),
            _("Subscribe"),
            _("Receive new press releases by email."),
        )
    )


hooks.register("construct_homepage_panels", dashboard_panels)
