"""The dashboard that starts a communicator's day: a "new press release" link per publisher
(which opens the form with that publisher chosen), the drafts and the scheduled releases of
their publishers, nobody else's, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from releases.permissions import ensure_communicators_group
from tests import factories as f
from tests.dashboard import dashboard, panel

pytestmark = pytest.mark.django_db

# The dashboard with its panels, Wagtail's own included, for any number of releases.
MAX_QUERIES = 34


@pytest.fixture
def admin_client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def communicator(username, *publishers):
    user = get_user_model().objects.create_user(username, f"{username}@example.be", "pw")
    user.groups.add(ensure_communicators_group())
    for publisher in publishers:
        publisher.communicators.add(user)
    return user


def scheduled(publisher, title, when):
    page = f.release(publisher=publisher, title=title, publish=False)
    page.go_live_at = when
    page.save_revision().publish()
    return page


@pytest.fixture
def world(site_structure):
    finance = f.publisher(name="FPS Finance", slug="fps-finance", sort_order=1)
    trade = f.publisher(name="Foreign Trade Agency", slug="trade", sort_order=2)
    dissolved = f.publisher(name="Dissolved Institute", slug="gone", is_active=False)
    health = f.publisher(name="FPS Health", slug="fps-health")
    return {
        "finance": finance,
        "trade": trade,
        "health": health,
        "alice": communicator("alice", finance, trade, dissolved),
        "bob": communicator("bob", health),
    }


def add_drafts(world, count):
    for n in range(count):
        f.release(publisher=world["finance"], title=f"Excise draft {n}", publish=False)
        f.release(publisher=world["health"], title=f"Hospital draft {n}", publish=False)


def test_new_release_links_for_each_active_publisher(admin_client, world):
    html = dashboard(admin_client, world["alice"])
    assert "New press release" in html
    assert "FPS Finance" in html and "Foreign Trade Agency" in html
    assert "Dissolved Institute" not in html
    index = f.news_index("fr")
    url = reverse("wagtailadmin_pages:add", args=("releases", "pressreleasepage", index.pk))
    assert f'href="{url}?publisher={world["trade"].pk}"' in html


def test_the_link_preselects_the_publisher(admin_client, world):
    admin_client.force_login(world["alice"])
    index = f.news_index("nl")
    url = reverse("wagtailadmin_pages:add", args=("releases", "pressreleasepage", index.pk))
    form = admin_client.get(f"{url}?publisher={world['trade'].pk}").context["form"]
    assert form.initial["publisher"] == world["trade"].pk
    # Without a choice, their first publisher; another publisher's id is ignored.
    form = admin_client.get(f"{url}?publisher={world['health'].pk}").context["form"]
    assert form.initial["publisher"] == world["finance"].pk
    form = admin_client.get(url).context["form"]
    assert form.initial["publisher"] == world["finance"].pk


def test_drafts_and_scheduled_of_my_publishers_only(admin_client, world):
    add_drafts(world, 1)
    when = timezone.now() + timedelta(days=2)
    scheduled(world["finance"], "Budget embargoed until Friday", when)
    scheduled(world["health"], "Health plan embargoed", when)
    html = dashboard(admin_client, world["alice"])
    assert "Drafts of my publishers" in html and "Excise draft 0" in html
    assert "Scheduled releases" in html and "Budget embargoed until Friday" in html
    assert timezone.localtime(when).strftime("%d/%m/%Y %H:%M") in html
    assert "Hospital draft 0" not in html and "Health plan embargoed" not in html
    # A scheduled release is not listed again among the drafts.
    drafts = panel(html, "release-drafts")
    assert "Excise draft 0" in drafts and "Budget embargoed" not in drafts
    assert "Budget embargoed" in panel(html, "release-scheduled")


def test_a_user_without_publisher_gets_no_panels(admin_client, world):
    nobody = communicator("nobody")
    html = dashboard(admin_client, nobody)
    assert "New press release" not in html and "Drafts of my publishers" not in html


@pytest.mark.parametrize("count", [1, 8])
def test_fixed_number_of_queries(admin_client, world, count, django_assert_max_num_queries):
    add_drafts(world, count)
    for n in range(count):
        scheduled(world["finance"], f"Scheduled {n}", timezone.now() + timedelta(days=1))
    admin_client.force_login(world["alice"])
    with django_assert_max_num_queries(MAX_QUERIES):
        response = admin_client.get(reverse("wagtailadmin_home"))
    assert response.content.decode().count("Excise draft") == count
