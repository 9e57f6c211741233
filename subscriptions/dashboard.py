"""The dashboard panel of subscriptions: my releases published lately with their reach, the
number of emails (alerts and digests) sent that carried them. Sent, not merely claimed: a
delivery counts once its dispatch was accepted by the email service. One query."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from releases.dashboard import PANEL_ROWS, DashboardPanel, add_dashboard_panels, releases_of

from .models import Delivery, Dispatch


def emails_sent():
    """Per release of the outer query: how many sent emails carried it."""
    sent = (
        Delivery.objects.filter(page=OuterRef("pk"), dispatch__state=Dispatch.State.SENT)
        .order_by()
        .values("page")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(sent, output_field=IntegerField()), 0)


class PublishedPanel(DashboardPanel):
    name = "recently_published"
    heading = _("Recently published")
    order = 50
    template_name = "subscriptions/admin/dashboard_published.html"

    def get_panel_context(self):
        releases = (
            releases_of(self.user)
            .live()
            .filter(last_published_at__isnull=False)
            .annotate(emails_sent=emails_sent())
            .select_related("publisher", "locale")
            .order_by("-last_published_at", "-pk")
        )
        return {"rows": list(releases[:PANEL_ROWS])}


def dashboard_panels(request, panels):
    add_dashboard_panels(request, panels, PublishedPanel)
