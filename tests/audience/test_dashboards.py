"""The statistics pages of the admin: figures against known counts and emails, what each user
may see, CSV exports read back with csv, and the public privacy statement in four languages."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from wagtail.users.models import UserProfile

from audience.classify import Hit
from audience.counting import count
from audience.models import EmailReach, Kind
from releases.permissions import ensure_communicators_group
from subscriptions.models import Delivery, Dispatch, Subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_structure, factories, database_counts):
    User = get_user_model()
    finance = factories.publisher(name="FPS Finance", slug="fps-finance")
    health = factories.publisher(name="FPS Health", slug="fps-health")
    group = ensure_communicators_group()

    def logged_in(user):
        # The admin in English: the CSV headers are in the user's admin language.
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
        client = Client()
        client.force_login(user)
        return client

    def communicator(username, publisher):
        user = User.objects.create_user(username, f"{username}@example.be", "pw")
        user.groups.add(group)
        publisher.communicators.add(user)
        return logged_in(user)

    today = timezone.localdate()
    annex = factories.document("Budget annex", "annex.pdf", b"%PDF-1.4 " + b"x" * 64)
    unused = factories.document("Other file", "other.pdf", b"%PDF-1.4 " + b"y" * 64)
    attachment = [{"type": "attachment", "value": {"document": annex.pk, "title": ""}}]
    budget = factories.release(
        publisher=finance, title="Budget 2027", language="nl", body=json.dumps(attachment)
    )
    budget_fr = factories.translation_of(budget, "fr", title="Budget 2027 (fr)")
    taxes = factories.release(publisher=finance, title="Tax returns open", language="nl")
    vaccines = factories.release(publisher=health, title="Vaccination campaign", language="nl")
    old = factories.release(publisher=finance, title="Old news", language="nl")

    def views(page, language, day, n):
        for _ in range(n):
            count(Hit(Kind.PAGE_VIEW, "", page.pk, language), day=day)

    views(budget, "nl", today, 5)
    views(budget, "nl", today - timedelta(days=2), 3)
    views(budget_fr, "fr", today - timedelta(days=1), 4)
    views(taxes, "nl", today - timedelta(days=3), 2)
    views(taxes, "nl", today - timedelta(days=20), 10)  # in the month, not the week
    views(vaccines, "nl", today, 50)
    views(old, "nl", today - timedelta(days=40), 99)  # outside both
    count(Hit(Kind.FEED, "news_rss", 0, "nl"), day=today)
    count(Hit(Kind.FEED, "releases:publisher_rss/fps-finance", 0, "fr"), day=today)
    count(Hit(Kind.FEED, "releases:publisher_rss/fps-finance", 0, "nl"), day=today)
    count(Hit(Kind.FEED, "releases:publisher_atom/fps-finance", 0, "nl"), day=today)
    count(Hit(Kind.FEED, "releases:publisher_rss/fps-health", 0, "nl"), day=today)
    for _ in range(6):
        count(Hit(Kind.DOCUMENT, "", annex.pk, ""), day=today)
    count(Hit(Kind.DOCUMENT, "", unused.pk, ""), day=today)
    count(Hit(Kind.RELEASE_PDF, "", budget.pk, "nl"), day=today)
    count(Hit(Kind.RELEASE_PDF, "", budget_fr.pk, "fr"), day=today)

    now = timezone.now()
    readers = []
    for n in range(3):
        reader = Subscriber.objects.create(
            email=f"reader{n}@example.org",
            content_languages=["nl"],
            email_language="nl",
            confirmed_at=now - timedelta(days=70 * n),
            consent_at=now,
            consent_text="I agree.",
            consent_language="nl",
            everything=n == 2,
        )
        if n < 2:
            reader.publishers.set([finance])
        readers.append(reader)
        dispatch = Dispatch.objects.create(
            subscriber=reader,
            kind=Dispatch.Kind.DIGEST,
            state=Dispatch.State.SENT,
            sent_at=now,
            message_id=f"m{n}",
        )
        Delivery.objects.create(subscriber=reader, page=budget, dispatch=dispatch)
    EmailReach.objects.create(page=budget, kind="digest", event="delivered", count=3)
    EmailReach.objects.create(page=budget, kind="digest", event="opened", count=2)
    EmailReach.objects.create(page=budget_fr, kind="digest", event="clicked", count=1)

    boss = logged_in(User.objects.create_superuser("boss", "boss@example.be", "pw"))
    return {
        "finance": finance,
        "health": health,
        "budget": budget,
        "taxes": taxes,
        "vaccines": vaccines,
        "finance_client": communicator("finance.user", finance),
        "health_client": communicator("health.user", health),
        "boss": boss,
        "today": today,
    }


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_release_statistics_figures_and_csv(world):
    client, budget = world["finance_client"], world["budget"]
    url = f"/admin/statistics/release/{budget.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html and "<desc" in html
    # Both axes are labelled; the summary gives the total (12 views in 30 days).
    assert 'class="chart__axis">Page views</text>' in html
    assert 'class="chart__axis">Day</text>' in html
    assert "12 in all" in html
    assert "Budget 2027" in html

    days = read_csv(client.get(url + "?export=days"))
    assert days[0] == ["Day", "Page views"]
    assert len(days) == 31
    by_day = {row[0]: int(row[1]) for row in days[1:]}
    today = world["today"]
    assert by_day[today.isoformat()] == 5
    assert by_day[(today - timedelta(days=1)).isoformat()] == 4  # the French version
    assert by_day[(today - timedelta(days=2)).isoformat()] == 3
    assert sum(by_day.values()) == 12

    languages = {row[0]: row[1] for row in read_csv(client.get(url + "?export=languages"))[1:]}
    assert sorted(languages.values()) == ["4", "8"] and len(languages) == 2

    email = read_csv(client.get(url + "?export=email"))
    assert email[0][:3] == ["Email", "Sent", "Delivered"]
    (digest,) = email[1:]
    header = email[0]
    row = dict(zip(header, digest, strict=True))
    assert row["Sent"] == "3" and row["Delivered"] == "3"
    assert row["Opened"] == "2" and row["Clicked"] == "1" and row["Bounced"] == "0"

    downloads = read_csv(client.get(url + "?export=downloads"))
    assert downloads == [
        ["File", "Downloads"],
        ["Budget annex", "6"],
        ["PDF version of the release (all languages)", "2"],
    ]

    assert client.get(url + "?export=nothing").status_code == 400


def test_publisher_statistics_top_releases_and_subscribers(world):
    client, finance = world["finance_client"], world["finance"]
    url = f"/admin/statistics/publisher/{finance.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "Vaccination campaign" not in response.content.decode()

    week = read_csv(client.get(url + "?export=week"))
    assert week[1:] == [
        ["Budget 2027", "nl", "8"],
        ["Budget 2027 (fr)", "fr", "4"],
        ["Tax returns open", "nl", "2"],
    ]
    month = read_csv(client.get(url + "?export=month"))
    assert month[1:] == [
        ["Tax returns open", "nl", "12"],
        ["Budget 2027", "nl", "8"],
        ["Budget 2027 (fr)", "fr", "4"],
    ]
    feeds = read_csv(client.get(url + "?export=feeds"))
    assert feeds[0] == ["Day", "RSS", "Atom"] and len(feeds) == 31
    assert feeds[-1] == [world["today"].isoformat(), "2", "1"]
    assert sum(int(row[1]) + int(row[2]) for row in feeds[1:]) == 3
    subscribers = read_csv(client.get(url + "?export=subscribers"))
    assert len(subscribers) == 13
    # Now: two who chose the publisher, one who takes everything; 12 months ago none.
    assert subscribers[-1][1] == "3"
    assert subscribers[1][1] == "0"


def refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard."""
    return response.status_code in (302, 403) and b"Budget 2027" not in response.content


def test_communicators_see_their_publishers_only(world):
    health = world["health_client"]
    assert refused(health.get(f"/admin/statistics/publisher/{world['finance'].pk}/"))
    assert refused(health.get(f"/admin/statistics/release/{world['budget'].pk}/"))
    assert refused(health.get(f"/admin/statistics/release/{world['budget'].pk}/?export=days"))
    assert refused(health.get(f"/admin/statistics/publisher/{world['finance'].pk}/?export=week"))
    assert health.get(f"/admin/statistics/release/{world['vaccines'].pk}/").status_code == 200
    index = health.get("/admin/statistics/").content.decode()
    assert "FPS Health" in index and "FPS Finance" not in index

    # A logged-in user who writes for no publisher sees no statistics at all.
    nobody = get_user_model().objects.create_user("intern", "intern@example.be", "pw")
    nobody.groups.add(ensure_communicators_group())
    client = Client()
    client.force_login(nobody)
    assert refused(client.get("/admin/statistics/"))
    assert "/admin/statistics/" not in client.get("/admin/").content.decode()
    assert "/admin/statistics/" in health.get("/admin/").content.decode()


def test_superuser_sees_everything_and_the_site_totals(world):
    boss = world["boss"]
    assert boss.get(f"/admin/statistics/publisher/{world['finance'].pk}/").status_code == 200
    assert boss.get(f"/admin/statistics/release/{world['vaccines'].pk}/").status_code == 200
    site = read_csv(boss.get("/admin/statistics/?export=site"))
    assert site[0][:2] == ["Day", "Page views"]
    today = {row[0]: row for row in site[1:]}[world["today"].isoformat()]
    row = dict(zip(site[0], today, strict=True))
    assert row["Page views"] == "55" and row["Feed requests"] == "5"


def test_release_has_a_statistics_link_in_the_admin(world):
    client, budget = world["finance_client"], world["budget"]
    html = client.get(f"/admin/pages/{budget.get_parent().pk}/").content.decode()
    assert f"/admin/statistics/release/{budget.pk}/" in html


@pytest.mark.parametrize(
    "language, title",
    [
        ("fr", "Vie privée et statistiques d’utilisation"),
        ("nl", "Privacy en gebruiksstatistieken"),
        ("de", "Datenschutz und Nutzungsstatistiken"),
        ("en", "Privacy and usage statistics"),
    ],
)
def test_privacy_statement_in_four_languages_linked_from_the_footer(
    client, site_structure, language, title
):
    response = client.get(f"/{language}/privacy/")
    assert response.status_code == 200
    html = response.content.decode()
    assert title in html
    home = client.get(f"/{language}/").content.decode()
    assert f'href="/{language}/privacy/"' in home
