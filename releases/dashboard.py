"""The panels releases adds to the admin dashboard (Wagtail's `construct_homepage_panels`,
registered in wagtail_hooks.py): a "new press release" link for each of the communicator's
publishers, the drafts and the scheduled releases of those publishers. Validation and
subscriptions add their own panels (texts in validation, reach of the releases sent) on the
same base class and the same scope, `releases_of`.

Each panel runs a fixed number of queries, whatever the number of releases."""

from django.conf import settings
from django.db.models import CharField, Exists, Min, OuterRef, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Revision, WorkflowState, get_default_page_content_type

from directory.communicators import is_communicator, publisher_ids_for_user
from directory.models import Publisher

from .models import NewsIndexPage, PressReleasePage

# Rows per list panel: the dashboard starts the day, the explorer has the rest.
PANEL_ROWS = 10
# The query string key of the add view that preselects a publisher (see wagtail_hooks.py).
PUBLISHER_PARAMETER = "publisher"


def releases_of(user):
    """The releases `user` writes for: those of their publishers (all for an administrator)."""
    releases = PressReleasePage.objects.all()
    if not user.is_superuser:
        releases = releases.filter(publisher_id__in=publisher_ids_for_user(user))
    return releases


def of_each_page(objects):
    """Wagtail objects keyed by a text `object_id` (revisions, workflow states) that belong
    to the page of the outer query."""
    return objects.filter(object_id=Cast(OuterRef("pk"), CharField()))


def scheduled_revisions():
    return Revision.page_revisions.filter(approved_go_live_at__isnull=False)


class DashboardPanel(Component):
    """A panel of the dashboard for the request's user. Subclasses set `name`, `order` and
    `template_name` (templates/<app>/admin/, extending releases/admin/dashboard_panel.html) and
    return the table's `rows` from `get_panel_context`."""

    def __init__(self, request):
        self.request = request
        self.user = request.user

    heading = ""

    def get_panel_context(self):
        return {}

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context.update({"panel_id": self.name.replace("_", "-"), "heading": self.heading})
        context.update(self.get_panel_context())
        return context


class NewReleasePanel(DashboardPanel):
    """A link per publisher of the communicator and per language that opens a new release
    under that language's news listing with the publisher chosen."""

    name = "new_release"
    heading = _("New press release")
    order = 10
    template_name = "releases/admin/dashboard_new_release.html"

    def get_panel_context(self):
        # Only the publishers the user is named for: an administrator writes for all, and
        # a link for each would bury the dashboard.
        publishers = Publisher.objects.active().filter(communicators=self.user)
        listings = {
            listing.locale.language_code: listing
            for listing in NewsIndexPage.objects.select_related("locale")
        }
        ordered = [listings[code] for code, _name in settings.LANGUAGES if code in listings]
        rows = []
        for publisher in publishers:
            links = [
                {
                    "language": listing.locale.language_code,
                    "url": reverse(
                        "wagtailadmin_pages:add",
                        args=("releases", "pressreleasepage", listing.pk),
                    )
                    + f"?{PUBLISHER_PARAMETER}={publisher.pk}",
                }
                for listing in ordered
            ]
            rows.append({"publisher": publisher, "links": links})
        return {"rows": rows}


class DraftsPanel(DashboardPanel):
    """Releases of my publishers with changes not yet published, neither scheduled nor in a
    workflow (those have their own panels)."""

    name = "release_drafts"
    heading = _("Drafts of my publishers")
    order = 40
    template_name = "releases/admin/dashboard_drafts.html"

    def get_panel_context(self):
        in_workflow = WorkflowState.objects.filter(
            base_content_type=get_default_page_content_type(),
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
        drafts = (
            releases_of(self.user)
            .filter(has_unpublished_changes=True)
            .exclude(Exists(of_each_page(scheduled_revisions())))
            .exclude(Exists(of_each_page(in_workflow)))
            .select_related("publisher", "locale", "latest_revision__user")
            .order_by("-latest_revision_created_at", "-pk")
        )
        return {"rows": list(drafts[:PANEL_ROWS])}


class ScheduledPanel(DashboardPanel):
    """Releases of my publishers waiting for their go-live time."""

    name = "release_scheduled"
    heading = _("Scheduled releases")
    order = 30
    template_name = "releases/admin/dashboard_scheduled.html"

    def get_panel_context(self):
        go_live = (
            of_each_page(scheduled_revisions())
            .values("object_id")
            .annotate(first=Min("approved_go_live_at"))
            .values("first")
        )
        scheduled = (
            releases_of(self.user)
            .annotate(scheduled_at=Subquery(go_live))
            .filter(scheduled_at__isnull=False)
            .select_related("publisher", "locale")
            .order_by("scheduled_at", "pk")
        )
        return {"rows": list(scheduled[:PANEL_ROWS])}


def add_dashboard_panels(request, panels, *panel_classes):
    """For `construct_homepage_panels` hooks: the panels, for whoever writes for a publisher."""
    if is_communicator(request.user):
        panels.extend(panel_class(request) for panel_class in panel_classes)


def dashboard_panels(request, panels):
    add_dashboard_panels(request, panels, NewReleasePanel, ScheduledPanel, DraftsPanel)
