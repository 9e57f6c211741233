"""An embargo never goes out early: a release whose publication date is in the future is
scheduled for that time, whichever way it is published (the admin's Publish, bulk publish, the
shell), stays out of every public surface until the scheduler makes it live, and then shows its
go-live time as its date."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from core.scheduled_publishing import publish_scheduled_pages
from releases.home import latest_releases
from releases.models import PressReleasePage
from releases.permissions import ensure_communicators_group
from releases.query import live_releases
from tests.releases.test_permissions import edit_form, release_form

pytestmark = pytest.mark.django_db

TITLE = "Embargoed budget figures"
SEARCHED = "embargoed"


def embargo_in(hours=3):
    """A future time as the admin's date fields give it: to the minute."""
    return timezone.now().replace(second=0, microsecond=0) + timedelta(hours=hours)


def as_field(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def communicator(site_structure, factories):
    user = get_user_model().objects.create_user("alice", "alice@example.be", "pw")
    user.groups.add(ensure_communicators_group())
    publisher = factories.publisher(name="FPS Budget", slug="fps-budget")
    publisher.communicators.add(user)
    user.publisher = publisher
    return user


def public_surfaces(page):
    return [
        "/nl/",
        "/nl/nieuws/",
        f"/nl/nieuws/?q={SEARCHED}",
        "/nl/nieuws/rss/",
        "/nl/nieuws/atom/",
        f"/nl/source/{page.publisher.slug}/",
        f"/nl/source/{page.publisher.slug}/rss/",
        "/sitemap-releases.xml",
        "/api/v1/releases/?language=nl",
        f"/api/v1/releases/?language=nl&q={SEARCHED}",
    ]


def where_shown(client, page):
    """The public surfaces that show `page` (by title, or by URL in the sitemap), and the
    status of its own URL."""
    shown = []
    url = page.get_url()
    for surface in public_surfaces(page):
        response = client.get(surface)
        assert response.status_code == 200, surface
        text = response.content.decode()
        if page.title in text or (surface.startswith("/sitemap") and url in text):
            shown.append(surface)
    return shown, client.get(url).status_code


def assert_hidden(client, page):
    page.refresh_from_db()
    assert not page.live
    assert not live_releases().filter(pk=page.pk).exists()
    assert where_shown(client, page) == ([], 404)


def go_live(client, page, at):
    """Moves the clock past `at`; the scheduler (the beat task) has not run yet, then runs."""
    with time_machine.travel(at + timedelta(seconds=30), tick=False):
        # Time has come, but nothing is public before the scheduler runs.
        assert_hidden(client, page)
        assert publish_scheduled_pages()["published"] == 1
        page.refresh_from_db()
        assert page.live
        shown, status = where_shown(client, page)
        assert shown == public_surfaces(page) and status == 200
        assert live_releases().filter(pk=page.pk).exists()
    return page


def assert_scheduled_for(page, moment):
    page.refresh_from_db()
    assert not page.live
    assert page.scheduled_revision is not None
    assert page.scheduled_revision.approved_go_live_at == moment


def test_shell_publish_of_a_future_dated_release_schedules_it(client, site_structure, factories):
    embargo = embargo_in()
    page = factories.release(title=TITLE, published_at=embargo, publish=False)
    page.save_revision().publish()

    assert_scheduled_for(page, embargo)
    assert_hidden(client, page)
    # The scheduler runs before the time: nothing changes.
    assert publish_scheduled_pages()["published"] == 0
    assert_hidden(client, page)

    go_live(client, page, embargo)
    assert page.published_at == embargo
    assert page.first_published_at >= embargo


def test_admin_publish_of_a_future_dated_release_schedules_it(client, communicator, factories):
    client.force_login(communicator)
    embargo = embargo_in()
    index = factories.news_index("nl")
    data = release_form(communicator.publisher, "embargoed", published_at=as_field(embargo))
    data["title"] = TITLE
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("releases", "pressreleasepage", index.pk)),
        data,
        follow=True,
    )
    assert response.status_code == 200
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    # The admin speaks Dutch here (the default language): "scheduled for publishing".
    assert any("ingepland voor publicatie" in message for message in messages), messages
    page = PressReleasePage.objects.get(slug="embargoed")
    assert_scheduled_for(page, embargo)
    assert_hidden(client, page)

    go_live(client, page, embargo)
    assert page.published_at == embargo


def test_admin_publish_of_an_existing_draft_with_a_future_date(client, communicator, factories):
    client.force_login(communicator)
    page = factories.release(title=TITLE, publisher=communicator.publisher, publish=False)
    embargo = embargo_in()
    data = edit_form(page, published_at=as_field(embargo), title=TITLE)
    data["action-publish"] = "1"
    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    assert response.status_code == 302
    assert_scheduled_for(page, embargo)
    assert_hidden(client, page)
    go_live(client, page, embargo)
    assert page.published_at == embargo


def test_bulk_publish_of_a_future_dated_release_schedules_it(client, communicator, factories):
    client.force_login(communicator)
    embargo = embargo_in()
    page = factories.release(
        title=TITLE, publisher=communicator.publisher, published_at=embargo, publish=False
    )
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = client.post(f"{url}?id={page.pk}", {})
    assert response.status_code == 302
    assert_scheduled_for(page, embargo)
    assert_hidden(client, page)
    go_live(client, page, embargo)


def test_bulk_publish_with_descendants(client, site_structure, factories):
    """ "Publish with its subpages" publishes the drafts under a meeting: a future-dated
    decision among them is scheduled, its sibling goes out."""
    admin = get_user_model().objects.create_superuser("admin", "admin@example.be", "pw")
    client.force_login(admin)
    embargo = embargo_in()
    meeting = factories.meeting(publish=False)
    decision = factories.release(parent=meeting, title=TITLE, published_at=embargo, publish=False)
    other = factories.release(parent=meeting, title="Decided today", publish=False)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = client.post(f"{url}?id={meeting.pk}", {"include_descendants": "on"})
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.live
    assert_scheduled_for(decision, embargo)
    assert_hidden(client, decision)
    go_live(client, decision, embargo)


def test_a_live_release_moved_to_a_future_date_keeps_its_live_version(client, factories):
    page = factories.release(title="Budget figures")
    shown_date = page.published_at
    embargo = embargo_in()
    page.title = TITLE
    page.published_at = embargo
    page.save_revision().publish()
    page.refresh_from_db()
    # Still live with what was published; the new version waits for its time.
    assert page.live and page.title == "Budget figures" and page.published_at == shown_date
    assert page.scheduled_revision.approved_go_live_at == embargo
    response = client.get("/nl/nieuws/rss/")
    assert TITLE.encode() not in response.content
    with time_machine.travel(embargo + timedelta(seconds=30), tick=False):
        assert publish_scheduled_pages()["published"] == 1
    page.refresh_from_db()
    assert page.title == TITLE and page.published_at == embargo


def test_copy_with_publish_copies_does_not_publish_an_embargoed_release(site_structure, factories):
    embargo = embargo_in()
    page = factories.release(title=TITLE, published_at=embargo, publish=False)
    page.save_revision().publish()
    copy = page.copy(update_attrs={"slug": "embargoed-copy"}, keep_live=True)
    copy.refresh_from_db()
    assert not copy.live
    copy.get_latest_revision().publish()
    assert_scheduled_for(copy, embargo)


def test_scheduled_release_shows_its_go_live_time_not_the_time_the_form_opened(
    client, communicator, factories
):
    """The editor sets a go-live time and leaves the publication date as the form filled it
    in: the release goes out at the go-live time and shows that time, above a release that
    was published in between."""
    client.force_login(communicator)
    opened = timezone.now().replace(second=0, microsecond=0)
    embargo = embargo_in(hours=5)
    index = factories.news_index("nl")
    data = release_form(
        communicator.publisher,
        "embargoed",
        published_at=as_field(opened),
        go_live_at=as_field(embargo),
    )
    data["title"] = TITLE
    add_url = reverse("wagtailadmin_pages:add", args=("releases", "pressreleasepage", index.pk))
    assert client.post(add_url, data).status_code == 302
    page = PressReleasePage.objects.get(slug="embargoed")
    assert_scheduled_for(page, embargo)
    with time_machine.travel(opened + timedelta(hours=1), tick=False):
        meanwhile = factories.release(title="Published meanwhile", published_at=timezone.now())
    assert opened < meanwhile.published_at < embargo

    go_live(client, page, embargo)
    assert page.published_at == embargo
    with time_machine.travel(embargo + timedelta(minutes=1), tick=False):
        titles = [release.title for release in latest_releases(index.get_parent())]
    assert titles.index(TITLE) < titles.index(meanwhile.title)


def test_form_refuses_a_go_live_time_that_differs_from_a_future_date(
    client, communicator, factories
):
    client.force_login(communicator)
    index = factories.news_index("nl")
    add_url = reverse("wagtailadmin_pages:add", args=("releases", "pressreleasepage", index.pk))
    embargo = embargo_in()
    data = release_form(
        communicator.publisher,
        "embargoed",
        published_at=as_field(embargo),
        go_live_at=as_field(embargo + timedelta(hours=1)),
    )
    response = client.post(add_url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors["published_at"]
    assert "onlinezetting verschilt" in errors[0]  # the admin speaks Dutch here
    assert not PressReleasePage.objects.filter(slug="embargoed").exists()

    data = release_form(
        communicator.publisher,
        "embargoed",
        published_at=as_field(embargo),
        expire_at=as_field(embargo - timedelta(minutes=30)),
    )
    response = client.post(add_url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors["published_at"]
    assert "vóór de vervaldatum" in errors[0]
    assert not Page.objects.filter(slug="embargoed").exists()


def test_edit_form_shows_the_go_live_time_the_editor_set(client, communicator, factories):
    """A draft dated in the future: its go-live time is derived when publishing, never
    written into the form, so that moving the date does not leave a stale go-live time."""
    client.force_login(communicator)
    page = factories.release(
        title=TITLE, publisher=communicator.publisher, published_at=embargo_in(), publish=False
    )
    page.title = "Embargoed budget figures, revised"
    page.save_revision()
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    assert response.context["form"].initial["go_live_at"] is None
    # Moving the date earlier and publishing schedules it at the new date.
    earlier = embargo_in(hours=2)
    data = edit_form(page, published_at=as_field(earlier), title=page.title)
    data["action-publish"] = "1"
    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    assert response.status_code == 302
    assert_scheduled_for(page, earlier)
