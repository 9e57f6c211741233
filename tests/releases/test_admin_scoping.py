"""A communicator reads no other publisher's unpublished titles: not in the page chooser
(browse and search), not in Reports → Workflows / Workflow tasks."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from releases.permissions import ensure_communicators_group
from tests import factories as f

pytestmark = pytest.mark.django_db

OWN_DRAFT = "Excise duty reform draft"
FOREIGN_DRAFT = "Hospital closures plan"
FOREIGN_LIVE = "Vaccination campaign starts"
FOREIGN_EDITED = "Pharmacy rules"
FOREIGN_EDITED_DRAFT = "Pharmacy rules secret rewrite"


@pytest.fixture
def world(site_structure):
    User = get_user_model()
    finance = f.publisher(name="FPS Finance", slug="fps-finance")
    health = f.publisher(name="FPS Health", slug="fps-health")
    group = ensure_communicators_group()

    def communicator(username, publisher):
        user = User.objects.create_user(username, f"{username}@example.be", "pw")
        user.groups.add(group)
        publisher.communicators.add(user)
        return user

    finance_user = communicator("communicator.finance", finance)
    health_user = communicator("communicator.health", health)
    edited = f.release(publisher=health, title=FOREIGN_EDITED)
    edited.title = FOREIGN_EDITED_DRAFT
    edited.save_revision(user=health_user)
    pages = {
        "own_draft": f.release(publisher=finance, title=OWN_DRAFT, publish=False),
        "foreign_draft": f.release(publisher=health, title=FOREIGN_DRAFT, publish=False),
        "foreign_live": f.release(publisher=health, title=FOREIGN_LIVE),
        "foreign_edited": edited,
    }
    moderators, _created = Group.objects.get_or_create(name="Moderators")
    task = GroupApprovalTask.objects.create(name="Approve")
    task.groups.set([moderators])
    workflow = Workflow.objects.create(name="Review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    workflow.start(pages["own_draft"], finance_user)
    workflow.start(pages["foreign_draft"], health_user)
    assert not pages["own_draft"].live and pages["own_draft"].workflow_in_progress
    return {"finance": finance_user, "pages": pages}


def test_page_chooser_browse_hides_other_publishers_drafts(client, world):
    client.force_login(world["finance"])
    index = f.news_index("nl")
    response = client.get(reverse("wagtailadmin_choose_page_child", args=(index.pk,)))
    assert response.status_code == 200
    html = response.json()["html"]
    assert OWN_DRAFT in html
    assert FOREIGN_LIVE in html  # public anyway: linking to it is fine
    assert FOREIGN_DRAFT not in html
    assert FOREIGN_EDITED_DRAFT not in html


@pytest.mark.parametrize("query", ["reform", "Hospital", "Pharmacy", "Vaccination"])
def test_page_chooser_search_hides_other_publishers_drafts(client, world, query):
    client.force_login(world["finance"])
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert FOREIGN_DRAFT not in html and FOREIGN_EDITED_DRAFT not in html
    if query == "reform":
        assert OWN_DRAFT in html
    if query == "Vaccination":
        assert FOREIGN_LIVE in html


@pytest.mark.parametrize("report", ["workflow", "workflow_tasks"])
def test_workflow_reports_show_only_own_releases(client, world, report):
    client.force_login(world["finance"])
    response = client.get(reverse(f"wagtailadmin_reports:{report}"))
    assert response.status_code == 200
    html = response.content.decode()
    assert OWN_DRAFT in html
    assert FOREIGN_DRAFT not in html


def test_an_administrator_still_sees_everything(client, world, admin_user):
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_reports:workflow")).content.decode()
    assert OWN_DRAFT in html and FOREIGN_DRAFT in html
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Hospital"})
    assert FOREIGN_DRAFT in response.content.decode()
