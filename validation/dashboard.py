"""The dashboard panel of validation: my texts in validation, each concerned member's state
(answered, by whom, or how many links wait for an answer) and the deadline. Three queries
whatever the number of texts and members."""

from django.db.models import CharField, Prefetch
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import TaskState

from releases.dashboard import PANEL_ROWS, DashboardPanel, add_dashboard_panels, releases_of

from .models import MemberValidation, SpokespersonValidationTaskState, ValidationLink


class InValidationPanel(DashboardPanel):
    name = "in_validation"
    heading = _("My texts in validation")
    order = 20
    template_name = "validation/admin/dashboard_in_validation.html"

    def get_panel_context(self):
        page_ids = releases_of(self.user).annotate(text_pk=Cast("pk", CharField()))
        task_states = (
            SpokespersonValidationTaskState.objects.filter(
                status=TaskState.STATUS_IN_PROGRESS,
                workflow_state__object_id__in=page_ids.values("text_pk"),
            )
            .select_related("revision", "workflow_state")
            .prefetch_related(
                Prefetch(
                    "members",
                    queryset=MemberValidation.objects.select_related("member")
                    .prefetch_related(
                        Prefetch(
                            "links",
                            queryset=ValidationLink.objects.pending(),
                            to_attr="pending_links",
                        )
                    )
                    .order_by("member__sort_order", "member__name"),
                )
            )
            .order_by("deadline_at", "pk")
        )
        return {"rows": list(task_states[:PANEL_ROWS])}


def dashboard_panels(request, panels):
    add_dashboard_panels(request, panels, InValidationPanel)
