"""Communicators act only on the releases of their own publishers; administrators on all."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from releases.models import PressReleasePage
from releases.permissions import (
    COMMUNICATORS_GROUP,
    PublisherPagePermissionTester,
    ensure_communicators_group,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_structure):
    group = ensure_communicators_group()
    User = get_user_model()

    def communicator(username, *publishers):
        user = User.objects.create_user(username, f"{username}@example.be", "pw")
        user.groups.add(group)
        for publisher in publishers:
            publisher.communicators.add(user)
        return user

    x = f.publisher(name="FPS Finance", slug="fps-finance")
    y = f.publisher(name="FPS Health", slug="fps-health")
    council = f.council()
    return {
        "x": x,
        "y": y,
        "council": council,
        "a": communicator("alice", x),
        "b": communicator("bob", y),
        "both": communicator("carol", x, y),
        "chancellery": communicator("dirk", council),
        "admin": User.objects.create_superuser("admin", "admin@example.be", "pw"),
        "release_x": f.release(publisher=x, title="Budget adopted"),
        "release_y": f.release(publisher=y, title="Vaccination campaign"),
    }


def assert_denied(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard."""
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response.url in ("/admin/", "/admin/login/") or response.url.startswith(
            "/admin/login/"
        ), response.url


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("releases", "pressreleasepage", parent.pk))


def release_form(publisher, slug, action="action-publish", **extra):
    data = nested_form_data(
        {
            "title": f"Release {slug}",
            "slug": slug,
            "published_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            "publisher": publisher.pk,
            "lead": "A lead that sums it up.",
            "body": streamfield([("paragraph", rich_text("<p>The body.</p>"))]),
            "related_links": streamfield([]),
            "comments": inline_formset([]),
            "update_notes": inline_formset([]),
        }
    )
    data.update(extra)
    if action:
        data[action] = "1"
    return data


def edit_form(page, **changes):
    data = release_form(page.publisher, page.slug, action=None)
    data["title"] = page.title
    data.update(changes)
    return data


def test_group_is_created_once_with_section_permissions(world):
    group = ensure_communicators_group()
    ensure_communicators_group()
    assert group.name == COMMUNICATORS_GROUP
    perms = GroupPagePermission.objects.filter(group=group)
    # add, change and publish on the four news listings and the four Council sections.
    assert perms.count() == 3 * 8
    assert {p.permission.codename for p in perms} == {"add_page", "change_page", "publish_page"}
    assert group.permissions.filter(codename="access_admin").exists()


def test_communicator_creates_edits_and_publishes_for_own_publisher(client, world):
    client.force_login(world["a"])
    index = f.news_index("nl")
    response = client.post(add_url(index), release_form(world["x"], "tax-reform"))
    assert response.status_code == 302, response.context and response.context["form"].errors
    page = PressReleasePage.objects.get(slug="tax-reform")
    assert page.live and page.publisher == world["x"] and page.owner == world["a"]

    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert client.get(edit).status_code == 200
    response = client.post(edit, edit_form(page, title="Tax reform adopted"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.has_unpublished_changes and page.title == "Release tax-reform"

    response = client.post(
        edit, {**edit_form(page, title="Tax reform adopted"), "action-publish": "1"}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.title == "Tax reform adopted" and not page.has_unpublished_changes


def test_colleague_of_same_publisher_edits_release_they_did_not_create(client, world):
    client.force_login(world["both"])
    page = world["release_x"]
    assert client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).status_code == 200
    # They withdraw it (communicators no longer unpublish a release: test_withdrawal.py).
    response = client.post(reverse("release_withdraw", args=(page.pk,)), {"reason": "Wrong."})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.is_withdrawn


def test_communicator_cannot_create_for_another_publisher(client, world):
    client.force_login(world["a"])
    index = f.news_index("nl")
    response = client.get(add_url(index))
    choices = response.context["form"].fields["publisher"].queryset
    assert list(choices) == [world["x"]]

    response = client.post(add_url(index), release_form(world["y"], "foreign"))
    assert response.status_code == 200
    assert "publisher" in response.context["form"].errors
    assert not Page.objects.filter(slug="foreign").exists()


def test_single_publisher_is_preselected(client, world):
    client.force_login(world["a"])
    response = client.get(add_url(f.news_index("fr")))
    assert response.context["form"].initial["publisher"] == world["x"].pk


def test_communicator_cannot_touch_other_publishers_release(client, world):
    client.force_login(world["a"])
    page = world["release_y"]
    denied = [
        ("get", reverse("wagtailadmin_pages:edit", args=(page.pk,))),
        ("post", reverse("wagtailadmin_pages:edit", args=(page.pk,))),
        ("post", reverse("wagtailadmin_pages:unpublish", args=(page.pk,))),
        ("post", reverse("wagtailadmin_pages:delete", args=(page.pk,))),
        ("get", reverse("wagtailadmin_pages:move", args=(page.pk,))),
        ("post", reverse("wagtailadmin_pages:copy", args=(page.pk,))),
        ("post", reverse("wagtailadmin_pages:lock", args=(page.pk,))),
        ("get", reverse("wagtailadmin_pages:history", args=(page.pk,))),
    ]
    for method, url in denied:
        assert_denied(getattr(client, method)(url, edit_form(page, title="Hijacked")))
    page.refresh_from_db()
    assert page.live and page.title == "Vaccination campaign" and not page.locked
    assert PressReleasePage.objects.filter(publisher=world["y"]).count() == 1


def test_bulk_actions_skip_other_publishers_release(client, world):
    client.force_login(world["a"])
    own, other = world["release_x"], world["release_y"]
    # Releases are withdrawn, not unpublished, by communicators: not even their own.
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "unpublish"))
    response = client.post(f"{url}?id={own.pk}&id={other.pk}", {})
    assert response.status_code == 302
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.live
    assert other.live


def test_explorer_and_search_show_only_own_releases(client, world):
    client.force_login(world["a"])
    index = f.news_index("nl")
    response = client.get(reverse("wagtailadmin_explore", args=(index.pk,)))
    assert response.status_code == 200
    shown = {page.pk for page in response.context["pages"]}
    assert world["release_x"].pk in shown
    assert world["release_y"].pk not in shown

    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "Vaccination"})
    assert response.status_code == 200
    assert world["release_y"].pk not in {page.pk for page in response.context["pages"]}


def test_communicator_cannot_edit_or_unpublish_section_pages(client, world):
    client.force_login(world["a"])
    index = f.news_index("nl")
    assert_denied(client.get(reverse("wagtailadmin_pages:edit", args=(index.pk,))))
    assert_denied(client.post(reverse("wagtailadmin_pages:unpublish", args=(index.pk,)), {}))
    index.refresh_from_db()
    assert index.live
    tester = PublisherPagePermissionTester(world["a"], index)
    assert tester.can_add_subpage() and tester.can_publish_subpage()
    assert not any(
        [
            tester.can_edit(),
            tester.can_publish(),
            tester.can_unpublish(),
            tester.can_set_view_restrictions(),
            tester.can_reorder_children(),
            tester.can_delete(),
            tester.can_move(),
        ]
    )


def test_only_council_communicators_run_the_council_section(client, world):
    council_index = f.council_index("nl")
    url = reverse(
        "wagtailadmin_pages:add", args=("releases", "councilmeetingpage", council_index.pk)
    )
    client.force_login(world["a"])
    assert_denied(client.get(url))
    client.force_login(world["chancellery"])
    assert client.get(url).status_code == 200
    meeting = f.meeting()
    assert PublisherPagePermissionTester(world["chancellery"], meeting).can_edit()
    assert not PublisherPagePermissionTester(world["a"], meeting).can_edit()


def test_communicator_of_two_publishers_writes_for_both(client, world):
    client.force_login(world["both"])
    index = f.news_index("fr")
    response = client.get(add_url(index))
    assert set(response.context["form"].fields["publisher"].queryset) == {world["x"], world["y"]}
    for publisher, slug in ((world["x"], "for-x"), (world["y"], "for-y")):
        response = client.post(add_url(index), release_form(publisher, slug))
        assert response.status_code == 302
        assert PressReleasePage.objects.get(slug=slug).publisher == publisher
    assert PublisherPagePermissionTester(world["both"], world["release_y"]).can_publish()


def test_administrator_does_everything(client, world):
    client.force_login(world["admin"])
    page = world["release_y"]
    assert client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).status_code == 200
    index = f.news_index("nl")
    response = client.get(add_url(index))
    assert set(response.context["form"].fields["publisher"].queryset) >= {world["x"], world["y"]}
    response = client.post(
        reverse("wagtailadmin_pages:unpublish", args=(page.pk,)), {"reason": "Court order."}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    tester = PublisherPagePermissionTester(world["admin"], index)
    assert tester.can_edit() and tester.can_unpublish()
    response = client.get(reverse("wagtailadmin_explore", args=(index.pk,)))
    assert {world["release_x"].pk, world["release_y"].pk} <= {
        p.pk for p in response.context["pages"]
    }


def test_old_revision_with_own_publisher_does_not_reopen_a_foreign_release(client, world):
    """An administrator moved a release from X to Y: X's communicators lose it, even through
    a revision that still names X."""
    page = world["release_y"]
    old = page.revisions.order_by("created_at").first()
    content = dict(old.content, publisher=world["x"].pk)
    old.content = content
    old.save()
    client.force_login(world["a"])
    url = reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, old.pk))
    assert_denied(client.get(url))
    assert not PublisherPagePermissionTester(world["a"], old.as_object()).can_edit()


def test_themes_are_managed_as_a_searchable_snippet(client, world):
    f.theme(slug="economy", name_en="Economy", name_fr="Économie")
    f.theme(slug="health", name_en="Health", name_fr="Santé")
    client.force_login(world["admin"])
    url = reverse("wagtailsnippets_releases_theme:list")
    response = client.get(url, {"q": "Économie"})
    assert response.status_code == 200
    assert [theme.slug for theme in response.context["object_list"]] == ["economy"]
    response = client.get(url, {"ordering": "-sort_order"})
    assert response.status_code == 200
