"""Create (or repair) the "Council of Ministers validation" workflow and assign it to every
Council section, in every language, and retire Wagtail's unused default workflow. Safe to run at
every deploy."""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from releases.models import CouncilIndexPage
from validation.models import SpokespersonValidationTask

WORKFLOW_NAME = "Council of Ministers validation"
TASK_NAME = "Spokesperson validation"
# What Wagtail's own migrations create: a workflow on the root page whose task waits for the
# "Moderators" group.
DEFAULT_WORKFLOW_NAME = "Moderators approval"


def retire_default_workflow():
    """Deactivates Wagtail's default workflow while nobody can approve it: its task waits for
    groups without members, so "Submit to Moderators approval" would go nowhere. A site that
    gave the groups members keeps it. Returns whether it was retired."""
    workflow = Workflow.objects.filter(name=DEFAULT_WORKFLOW_NAME, active=True).first()
    if workflow is None:
        return False
    tasks = GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow)
    if any(task.groups.filter(user__isnull=False).exists() for task in tasks):
        return False
    # Deactivating also ends its workflow states and removes its page assignments.
    workflow.deactivate()
    return True


@transaction.atomic
def ensure_validation_workflow():
    task = SpokespersonValidationTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = SpokespersonValidationTask.objects.create(name=TASK_NAME)
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        last = workflow.workflow_tasks.order_by("-sort_order").first()
        WorkflowTask.objects.create(
            workflow=workflow, task=task, sort_order=(last.sort_order + 1) if last else 0
        )
    assigned = 0
    for section in CouncilIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
        assigned += 1
    retire_default_workflow()
    return workflow, task, assigned


class Command(BaseCommand):
    help = (
        "Create the Council of Ministers validation workflow and assign it to the Council sections."
    )

    def handle(self, *args, **options):
        workflow, task, assigned = ensure_validation_workflow()
        self.stdout.write(
            f"Workflow {workflow.name!r} with task {task.name!r} on {assigned} Council section(s)."
        )
