"""Go-live and expiry: nothing is public before its time or after it, and the beat task moves
pages across those lines."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from core.scheduled_publishing import LOCK_NAME, publish_scheduled_pages
from releases.models import PressReleasePage
from releases.query import live_releases
from tests.faults.locks import held_elsewhere
from tests.releases.test_permissions import release_form

pytestmark = pytest.mark.django_db


def scheduled_release(factories, go_live_at):
    """A release published by its editor with a go-live date: Wagtail schedules it."""
    page = factories.release(publish=False, live=False, go_live_at=go_live_at)
    page.get_latest_revision().publish()
    page.refresh_from_db()
    return page


def make_due(page):
    """Let time pass: move the scheduled go-live moment (on the page, on its scheduled
    revision and in that revision's content) one minute into the past."""
    past = timezone.now() - timedelta(minutes=1)
    for revision in Revision.page_revisions.filter(object_id=str(page.pk)).exclude(
        approved_go_live_at=None
    ):
        revision.content["go_live_at"] = past.isoformat()
        revision.approved_go_live_at = past
        revision.save(update_fields=["content", "approved_go_live_at"])
    PressReleasePage.objects.filter(pk=page.pk).update(go_live_at=past)


def test_beat_runs_the_task_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["publish-scheduled-pages"]
    assert entry["task"] == publish_scheduled_pages.name == "releases.tasks.publish_scheduled_pages"
    assert entry["schedule"] == 60.0


def test_scheduled_release_is_not_public_until_the_task_makes_it_live(
    client, site_structure, factories
):
    page = scheduled_release(factories, timezone.now() + timedelta(hours=2))
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at is not None
    url = page.get_url()
    assert url.startswith("/nl/")
    assert client.get(url).status_code == 404
    assert not live_releases().filter(pk=page.pk).exists()

    # Not due yet: the task leaves it alone.
    assert publish_scheduled_pages.delay().get()["published"] == 0
    page.refresh_from_db()
    assert not page.live

    make_due(page)
    result = publish_scheduled_pages.delay().get()
    assert result == {"skipped": False, "published": 1, "expired": 0}
    page.refresh_from_db()
    assert page.live
    assert client.get(url).status_code == 200
    assert live_releases().filter(pk=page.pk).exists()

    # Running again changes nothing.
    assert publish_scheduled_pages.delay().get()["published"] == 0


def test_scheduled_through_the_admin(client, site_structure, factories):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.be", "pw")
    client.force_login(admin)
    index = factories.news_index("fr")
    go_live = timezone.localtime() + timedelta(days=1)
    data = release_form(
        factories.publisher(), "embargo", go_live_at=go_live.strftime("%Y-%m-%d %H:%M")
    )
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("releases", "pressreleasepage", index.pk)), data
    )
    assert response.status_code == 302
    page = PressReleasePage.objects.get(slug="embargo")
    assert not page.live
    assert client.get(page.get_url()).status_code == 404
    assert not live_releases().filter(pk=page.pk).exists()

    make_due(page)
    publish_scheduled_pages()
    page.refresh_from_db()
    assert page.live and client.get(page.get_url()).status_code == 200


def test_expired_release_is_hidden_before_and_unpublished_by_the_task(
    client, site_structure, factories
):
    page = factories.release(expire_at=timezone.now() + timedelta(hours=1))
    url = page.get_url()
    assert client.get(url).status_code == 200
    assert live_releases().filter(pk=page.pk).exists()

    PressReleasePage.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - timedelta(seconds=5)
    )
    # The task has not run yet: the page is still flagged live, but nobody sees it.
    page.refresh_from_db()
    assert page.live
    assert client.get(url).status_code == 404
    assert not live_releases().filter(pk=page.pk).exists()

    assert publish_scheduled_pages.delay().get()["expired"] == 1
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get(url).status_code == 404


def test_a_run_in_progress_is_not_doubled(site_structure, factories):
    page = scheduled_release(factories, timezone.now() + timedelta(hours=1))
    make_due(page)
    with held_elsewhere(LOCK_NAME):
        assert publish_scheduled_pages()["skipped"] is True
        page.refresh_from_db()
        assert not page.live
    assert publish_scheduled_pages()["published"] == 1
    page.refresh_from_db()
    assert page.live
