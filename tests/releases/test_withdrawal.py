"""Withdrawing a release: it stays at its URL with "Withdrawn on <date>: <reason>" and without
its text, images or files, and leaves every other channel (the listing, search, feeds and
publisher pages are in test_non_leak.py; the digests in tests/subscriptions). Communicators
withdraw; only administrators unpublish, with a reason kept in the page history."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail import hooks as wagtail_hooks
from wagtail.models import PageLogEntry

from core.front_cache import purge_tags, translation_tag
from core.outbox import OutboxEntry
from releases.models import PressReleasePage
from releases.permissions import ensure_communicators_group
from releases.query import ReleaseQuery, count_all
from releases.withdrawal import UNPUBLISH_ACTION, WITHDRAW_ACTION, withdraw

pytestmark = pytest.mark.django_db

VARNISH = {"varnish0": {"BACKEND": "core.front_cache.XkeyVarnishBackend", "LOCATION": "x"}}
PDF = b"%PDF-1.4 withdrawn figures " + b"x" * 512


@pytest.fixture
def world(site_structure, factories):
    group = ensure_communicators_group()
    User = get_user_model()
    own, other = factories.publisher(slug="finance"), factories.publisher(slug="health")

    def communicator(username, publisher):
        user = User.objects.create_user(username, f"{username}@example.be", "pw")
        user.groups.add(group)
        publisher.communicators.add(user)
        return user

    pdf = factories.document("Budget figures", "figures.pdf", PDF)
    body = json.dumps(
        [
            {"type": "paragraph", "value": "<p>Secret body paragraph.</p>"},
            {"type": "attachment", "value": {"document": pdf.pk, "title": ""}},
        ]
    )
    release = factories.release(
        publisher=own, title="Budget figures", lead="Wrong lead.", body=body
    )
    return {
        "release": release,
        "pdf": pdf,
        "alice": communicator("alice", own),
        "bob": communicator("bob", other),
        "admin": User.objects.create_superuser("admin", "admin@example.be", "pw"),
    }


def test_a_withdrawn_release_keeps_its_url_with_the_notice_only(client, world):
    release = world["release"]
    assert client.get(world["pdf"].url).status_code == 200
    assert withdraw(release, "The figures were wrong.")
    response = client.get(release.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Budget figures" in html
    assert re.search(r"Withdrawn on [^<]+:</strong> The figures were wrong\.", html) or (
        "The figures were wrong." in html and "release__notice--withdrawn" in html
    )
    for gone in ("Secret body paragraph", "Wrong lead", "figures.pdf", world["pdf"].url):
        assert gone not in html
    # Its files are not served either.
    assert client.get(world["pdf"].url).status_code == 404
    release.refresh_from_db()
    assert release.is_withdrawn and release.withdrawn_at


def test_withdrawn_releases_leave_home_sitemap_counts_and_queries(client, world, factories):
    release = world["release"]
    translation = factories.translation_of(release, "fr")
    withdraw(release, "Wrong.")
    assert "Budget figures" not in client.get("/nl/").content.decode()
    root = ET.fromstring(client.get("/sitemap-releases.xml").content)
    locations = " ".join(loc.text for loc in root.iter() if loc.tag.endswith("loc"))
    assert release.url_path.split("/")[-2] not in locations or release.url not in locations
    assert not any(
        (link.get("href") or "").endswith(release.url) for link in root.iter() if "link" in link.tag
    )
    assert translation.url in locations
    assert count_all() == 1
    assert list(ReleaseQuery().results()) == [translation.specific]
    assert release.pk not in PressReleasePage.objects.public_live().values_list("pk", flat=True)


def test_publishing_a_change_keeps_the_withdrawal(client, world):
    release = world["release"]
    withdraw(release, "Wrong.")
    page = PressReleasePage.objects.get(pk=release.pk)
    page.title = "Budget figures (corrected)"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.is_withdrawn and page.withdrawal_reason == "Wrong."
    # A copy is a new release, not withdrawn.
    copy = page.copy(update_attrs={"slug": "copy-of-budget"})
    assert copy.withdrawn_at is None


def test_communicators_withdraw_their_own_releases_from_the_admin(client, world):
    release = world["release"]
    url = reverse("release_withdraw", args=[release.pk])
    client.force_login(world["bob"])
    assert client.post(url, {"reason": "Not mine."}).status_code in (302, 403)
    release.refresh_from_db()
    assert not release.is_withdrawn

    client.force_login(world["alice"])
    explorer = client.get(reverse("wagtailadmin_explore", args=[release.get_parent().pk]))
    assert url in explorer.content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert 'name="reason"' in response.content.decode()
    response = client.post(url, {"reason": "The figures were wrong."})
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.withdrawal_reason == "The figures were wrong."
    entry = PageLogEntry.objects.get(page=release, action=WITHDRAW_ACTION)
    assert entry.user == world["alice"] and entry.data["reason"] == "The figures were wrong."
    # Twice: nothing more, and no button.
    assert client.get(url).status_code in (302, 403)
    assert PageLogEntry.objects.filter(page=release, action=WITHDRAW_ACTION).count() == 1


def test_withdrawal_purges_the_front_cache(world, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = VARNISH
    release = world["release"]
    OutboxEntry.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=False):
        withdraw(release, "Wrong.")
    queued = OutboxEntry.objects.filter(task_name=purge_tags.name)
    assert queued.exists()
    assert all(translation_tag(release.translation_key) in e.args[0] for e in queued)


def test_communicators_cannot_unpublish_a_release(client, world):
    release = world["release"]
    client.force_login(world["alice"])
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[release.pk]))
    assert response.status_code in (302, 403)
    release.refresh_from_db()
    assert release.live
    assert not release.permissions_for_user(world["alice"]).can_unpublish()


def test_administrators_unpublish_with_a_reason_in_the_history(client, world):
    release = world["release"]
    url = reverse("wagtailadmin_pages:unpublish", args=[release.pk])
    client.force_login(world["admin"])
    assert 'name="reason"' in client.get(url).content.decode()
    client.post(url, {"reason": ""})
    release.refresh_from_db()
    assert release.live
    client.post(url, {"reason": "Court order 2026/123."})
    release.refresh_from_db()
    assert not release.live
    entry = PageLogEntry.objects.get(page=release, action=UNPUBLISH_ACTION)
    assert entry.data["reason"] == "Court order 2026/123." and entry.user == world["admin"]


def test_bulk_unpublish_of_releases_is_refused(client, world):
    release = world["release"]
    client.force_login(world["admin"])
    url = (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "unpublish"))
        + f"?id={release.pk}"
    )
    client.post(url, {})
    release.refresh_from_db()
    assert release.live


def test_the_withdraw_buttons_cost_no_query_per_release(client, world, factories, monkeypatch):
    """The explorer asks every row whether it may be withdrawn: a fixed number of queries.
    wagtail-localize's own row buttons ("Translate this page", "Sync translated pages") cost
    two queries a row of their own (docs/admin.md): left out here, this is about ours."""
    name = "register_page_listing_more_buttons"
    monkeypatch.setitem(
        wagtail_hooks._hooks,
        name,
        [
            hook
            for hook in wagtail_hooks._hooks[name]
            if "wagtail_localize" not in hook[0].__module__
        ],
    )
    client.force_login(world["alice"])
    index_url = reverse("wagtailadmin_explore", args=[world["release"].get_parent().pk])

    def queries():
        client.get(index_url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(index_url)
        assert response.status_code == 200
        return len(captured)

    before = queries()
    publisher = world["release"].publisher
    withdraw(factories.release(publisher=publisher), "Wrong.")
    for _n in range(4):
        factories.release(publisher=publisher)
    assert queries() == before
