"""Photographers: they add, edit and publish photo reports of their own publishers, upload
images to their publishers' collections only (made on demand), and cannot edit releases."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from photos.permissions import PHOTOS_COLLECTION, PUBLISHER_GROUP_PREFIX, publisher_collection
from photos.setup import ensure_photographers_group
from tests import factories as f
from tests.releases.test_permissions import assert_denied

from . import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_structure, django_capture_on_commit_callbacks):
    group = ensure_photographers_group()
    User = get_user_model()
    finance = f.publisher(name="FPS Finance", slug="fps-finance")
    health = f.publisher(name="FPS Health", slug="fps-health")

    def photographer(username, *publishers):
        user = User.objects.create_user(username, f"{username}@example.be", "pw")
        with django_capture_on_commit_callbacks(execute=True):
            user.groups.add(group)
            for publisher in publishers:
                publisher.communicators.add(user)
        return user

    return {
        "group": group,
        "finance": finance,
        "health": health,
        "paula": photographer("paula", finance),
        "henk": photographer("henk", health),
        "report_finance": f.photo_report(publisher=finance, title="Budget day photos"),
        "report_health": f.photo_report(publisher=health, title="Vaccination photos"),
        "release_finance": f.release(publisher=finance, title="Budget adopted"),
    }


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_group_holds_page_permissions_on_every_photo_section(world):
    group = world["group"]
    assert group.page_permissions.count() == 4 * 3  # four languages, add/change/publish
    assert ensure_photographers_group().pk == group.pk  # idempotent
    assert group.page_permissions.count() == 12


def test_photographer_edits_own_publishers_reports_only(client, world):
    client.force_login(world["paula"])
    assert client.get(edit_url(world["report_finance"])).status_code == 200
    assert_denied(client.get(edit_url(world["report_health"])))
    # Releases, even of her own publisher, are not hers to edit.
    assert_denied(client.get(edit_url(world["release_finance"])))
    tester = world["report_finance"].permissions_for_user(world["paula"])
    assert tester.can_edit() and tester.can_publish() and not tester.can_move()
    other = world["report_health"].permissions_for_user(world["paula"])
    assert not other.can_edit() and not other.can_publish() and not other.can_delete()
    release = world["release_finance"].permissions_for_user(world["paula"])
    assert not release.can_edit() and not release.can_publish()


def test_photographer_adds_a_report_for_her_publisher_only(client, world):
    client.force_login(world["paula"])
    section = f.photo_index("nl")
    url = reverse("wagtailadmin_pages:add", args=("photos", "photoreportpage", section.pk))
    response = client.get(url)
    assert response.status_code == 200
    choices = list(response.context["form"].fields["publisher"].queryset)
    assert choices == [world["finance"]]
    news = f.news_index("nl")
    release_add = reverse("wagtailadmin_pages:add", args=("releases", "pressreleasepage", news.pk))
    assert_denied(client.get(release_add))


def test_images_go_to_the_publishers_collection_only(client, world):
    paula = world["paula"]
    assert paula.groups.filter(name=f"{PUBLISHER_GROUP_PREFIX}fps-finance").exists()
    finance_collection = Collection.objects.get(name="FPS Finance")
    assert finance_collection.get_parent().name == PHOTOS_COLLECTION
    health_collection, _group = publisher_collection(world["health"])
    client.force_login(paula)

    def upload(collection, title):
        return client.post(
            reverse("wagtailimages:add"),
            {
                "title": title,
                "description": "A press photo",
                "collection": collection.pk,
                "file": ImageFile(io.BytesIO(samples.jpeg()), name=f"{title}.jpg"),
            },
        )

    assert upload(finance_collection, "allowed").status_code == 302
    assert Image.objects.get(title="allowed").collection == finance_collection
    # Her only collection: Wagtail does not even offer a choice, whatever the form posts.
    for collection, title in (
        (health_collection, "other"),
        (Collection.get_first_root_node(), "root"),
    ):
        upload(collection, title)
        assert Image.objects.get(title=title).collection == finance_collection
    # Henk, of another publisher, sees none of hers in the chooser.
    client.force_login(world["henk"])
    response = client.get(reverse("wagtailimages_chooser:choose"))
    assert response.status_code == 200
    assert "allowed" not in response.content.decode()


def image_groups(user):
    names = user.groups.filter(name__startswith=PUBLISHER_GROUP_PREFIX).values_list(
        "name", flat=True
    )
    return sorted(name.removeprefix(PUBLISHER_GROUP_PREFIX) for name in names)


def test_leaving_the_group_or_the_publisher_removes_the_image_access(
    world, django_capture_on_commit_callbacks
):
    paula = world["paula"]
    with django_capture_on_commit_callbacks(execute=True):
        world["health"].communicators.add(paula)
    assert image_groups(paula) == ["fps-finance", "fps-health"]
    with django_capture_on_commit_callbacks(execute=True):
        world["finance"].communicators.remove(paula)
    assert image_groups(paula) == ["fps-health"]
    with django_capture_on_commit_callbacks(execute=True):
        world["group"].user_set.clear()
    assert not paula.groups.filter(name__startswith=PUBLISHER_GROUP_PREFIX).exists()
    # A communicator who is no photographer gets no image group.
    with django_capture_on_commit_callbacks(execute=True):
        world["finance"].communicators.add(paula)
    assert not Group.objects.filter(user=paula).exists()


def test_admin_publish_with_an_undescribed_photo_shows_the_message(client, world):
    client.force_login(world["paula"])
    section = f.photo_index("en")
    undescribed = f.photo("IMG_2034", description="")
    described = f.photo("Described", description="The minister at the lectern")
    url = reverse("wagtailadmin_pages:add", args=("photos", "photoreportpage", section.pk))

    def post(image, action):
        data = nested_form_data(
            {
                "title": f"Report with {image.title}",
                "slug": f"report-{image.pk}",
                "event": "Press conference",
                "date": "2025-05-01",
                "place": "Brussels",
                "publisher": world["finance"].pk,
                "photographer": "Paula",
                "licence": "editorial",
                "description": "",
                "photos": inline_formset([{"image": image.pk, "caption": ""}]),
            }
        )
        data[action] = "1"
        return client.post(url, data)

    response = post(undescribed, "action-publish")
    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert "IMG_2034" in errors and "IMG_2034" in response.content.decode()
    assert not f.photo_index("en").get_children().filter(title="Report with IMG_2034").exists()
    # A draft may wait for the description; a described photo publishes.
    assert post(undescribed, "action-draft").status_code == 302
    assert post(described, "action-publish").status_code == 302
    published = f.photo_index("en").get_children().get(title="Report with Described")
    assert published.live
