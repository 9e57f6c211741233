"""Create (or repair) the "Council of Ministers validation" workflow and assign it to every
Council section, in every language. Safe to run at every deploy."""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from releases.models import CouncilIndexPage
from validation.models import SpokespersonValidationTask

WORKFLOW_NAME = "Council of Ministers validation"
TASK_NAME = "Spokesperson validation"


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
