"""Sharing a scheduled release under embargo: who gets the email (accredited journalists who
follow its publishers), the subject, the personal link (the text as it will be published, with
the banner, never cached or indexed), the access log, and every way a link stops working."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accreditation import embargo
from accreditation.models import Accreditation, EmbargoAccess, EmbargoLink
from accreditation.tasks import send_embargo_share
from core.scheduled_publishing import publish_scheduled_pages
from core.tokens import hash_token

from .conftest import mails_to, reading_link, text_of

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
SCANNER = "Mozilla/5.0 (compatible; Proofpoint URL Defense)"


@pytest.fixture
def world(journalist, publisher, factories, scheduled, communicator):
    other = factories.publisher(name="FPS Health", slug="fps-health")
    co = factories.publisher(name="FPS Mobility", slug="fps-mobility")
    people = {
        "follower": journalist([publisher], language="fr"),
        "co_follower": journalist([co], language="en"),
        "other": journalist([other]),
        "pending": journalist([publisher], status=Accreditation.Status.PENDING),
        "refused": journalist([publisher], status=Accreditation.Status.REFUSED),
        "expired": journalist([publisher], expires_at=timezone.now() - timedelta(days=1)),
    }
    page = scheduled(co_publishers=[co], body=[("paragraph", "<p>Secret figures 42.</p>")])
    return page, people


def test_share_sends_to_accredited_followers_only(world, share, communicator):
    page, people = world
    item = share(page, communicator)
    assert item.shared_by == communicator
    assert item.go_live_at == page.scheduled_revision.approved_go_live_at
    reached = {m.to[0] for m in mail.outbox}
    assert reached == {people["follower"].email, people["co_follower"].email}
    parsed, text = text_of(mails_to(people["co_follower"].email)[0])
    local = timezone.localtime(item.go_live_at)
    assert parsed["Subject"] == f"EMBARGO until {local:%d/%m/%Y %H:%M %Z}: {page.title}"
    assert "/en/embargo/" in reading_link(people["co_follower"].email)
    parsed, _text = text_of(mails_to(people["follower"].email)[0])
    # A long encoded subject is folded from its first word on (leading folding whitespace).
    assert parsed["Subject"].strip().startswith(f"EMBARGO jusqu’au {local:%d/%m/%Y %H:%M %Z}")
    # One row per journalist, the token stored as a hash only.
    rows = list(EmbargoLink.objects.filter(share=item))
    assert len(rows) == 2
    token = reading_link(people["follower"].email).rstrip("/").rsplit("/", 1)[1]
    assert EmbargoLink.objects.filter(token_hash=hash_token(token)).exists()


def test_retry_and_second_share_never_double_send(
    world, share, communicator, journalist, publisher
):
    page, people = world
    item = share(page, communicator)
    assert len(mail.outbox) == 2
    assert send_embargo_share(item.pk) == 0
    newcomer = journalist([publisher])
    again = share(page, communicator)
    assert again == item
    assert [m.to[0] for m in mail.outbox[2:]] == [newcomer.email]


def test_reading_link_shows_the_scheduled_text_with_banner(
    client, world, share, communicator, django_assert_max_num_queries, settings
):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "core.front_cache.XkeyVarnishBackend", "LOCATION": "http://v:6081"}
    }
    page, people = world
    share(page, communicator)
    url = reading_link(people["co_follower"].email)
    with django_assert_max_num_queries(30):
        response = client.get(url, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    text = response.content.decode()
    assert page.title in text and "Secret figures 42." in text
    local = timezone.localtime(page.scheduled_revision.approved_go_live_at)
    assert f"EMBARGO until {local:%d/%m/%Y %H:%M %Z}" in text
    assert 'class="notice notice--warning embargo-banner"' in text
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "private, no-store"
    # Never tagged for the front cache, though the request is anonymous and cookie-free.
    assert "xkey" not in response and "Cache-Tag" not in response
    # The public URL still answers 404.
    assert client.get(page.get_url()).status_code == 404


def test_every_opening_is_recorded_with_its_client(client, world, share, communicator):
    page, people = world
    share(page, communicator)
    url = reading_link(people["follower"].email)
    client.get(url, HTTP_USER_AGENT=BROWSER)
    client.get(url, HTTP_USER_AGENT=BROWSER)
    client.get(url, HTTP_USER_AGENT=SCANNER)
    # A HEAD and a browser prefetch show no one the text.
    client.head(url, HTTP_USER_AGENT=BROWSER)
    client.get(url, HTTP_USER_AGENT=BROWSER, HTTP_SEC_PURPOSE="prefetch")
    accesses = EmbargoAccess.objects.filter(link__accreditation=people["follower"])
    assert sorted(a.agent for a in accesses) == ["browser", "browser", "scanner"]
    # A browser displays the page and loads its beacon; the scanner fetched the HTML only.
    html = client.get(url, HTTP_USER_AGENT=BROWSER).content.decode()
    latest = accesses.order_by("-pk").first()
    token = url.rstrip("/").rsplit("/", 1)[1]
    beacon = reverse("accreditation:seen", args=[token, latest.pk])
    assert f'src="{beacon}"' in html
    # Another journalist's token cannot mark this access.
    other = reading_link(people["co_follower"].email).rstrip("/").rsplit("/", 1)[1]
    client.get(reverse("accreditation:seen", args=[other, latest.pk]))
    assert EmbargoAccess.objects.get(pk=latest.pk).displayed_at is None
    response = client.get(beacon)
    assert response.status_code == 200 and response["Content-Type"] == "image/gif"
    assert response["Cache-Control"] == "private, no-store"
    assert EmbargoAccess.objects.get(pk=latest.pk).displayed_at is not None
    assert not EmbargoAccess.objects.exclude(link__accreditation=people["follower"]).exists()

    # The communicator sees who opened it, when and how often.
    client.force_login(communicator)
    response = client.get(reverse("accreditation_admin:share", args=[page.pk]))
    assert response.status_code == 200
    [item] = response.context["shares"]
    rows = {row.accreditation_id: row for row in item["rows"]}
    assert rows[people["follower"].pk].opened == 4
    assert rows[people["follower"].pk].displayed == 1
    assert rows[people["co_follower"].pk].opened == 0
    assert people["follower"].name in response.content.decode()


def test_only_a_real_token_opens_the_text(client, world, share, communicator):
    page, people = world
    share(page, communicator)
    url = reading_link(people["follower"].email)
    token = url.rstrip("/").rsplit("/", 1)[1]
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), token[:20], "x" * 500):
        response = client.get(f"/fr/embargo/{bad}/")
        assert response.status_code == 404
        assert "Secret figures" not in response.content.decode()
    assert not EmbargoAccess.objects.exists()


def assert_gone(client, url):
    response = client.get(url, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 410
    text = response.content.decode()
    assert "Secret figures" not in text
    assert response["Cache-Control"] == "private, no-store"
    return text


def test_revoked_link_is_gone_for_that_journalist_only(client, world, share, communicator):
    page, people = world
    share(page, communicator)
    mine, theirs = reading_link(people["follower"].email), reading_link(people["co_follower"].email)
    link = EmbargoLink.objects.get(accreditation=people["follower"])
    client.force_login(communicator)
    client.post(
        reverse("accreditation_admin:share", args=[page.pk]),
        {"action": "revoke_link", "link": link.pk},
    )
    client.logout()
    assert_gone(client, mine)
    assert client.get(theirs).status_code == 200


def test_revoked_share_is_gone(client, world, share, communicator):
    page, people = world
    item = share(page, communicator)
    client.force_login(communicator)
    client.post(
        reverse("accreditation_admin:share", args=[page.pk]),
        {"action": "revoke_share", "share": item.pk},
    )
    client.logout()
    for person in ("follower", "co_follower"):
        assert_gone(client, reading_link(people[person].email))


def test_withdrawn_accreditation_is_gone(client, world, share, communicator):
    page, people = world
    share(page, communicator)
    Accreditation.objects.filter(pk=people["follower"].pk).update(
        status=Accreditation.Status.WITHDRAWN
    )
    assert_gone(client, reading_link(people["follower"].email))


def test_accreditation_ending_before_go_live_closes_the_link(client, world, share, communicator):
    page, people = world
    share(page, communicator)
    Accreditation.objects.filter(pk=people["follower"].pk).update(
        expires_at=timezone.now() + timedelta(hours=1)
    )
    url = reading_link(people["follower"].email)
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert_gone(client, url)


def test_unscheduled_release_is_gone(client, world, share, communicator):
    page, people = world
    share(page, communicator)
    revision = page.scheduled_revision
    revision.approved_go_live_at = None
    revision.save()
    assert_gone(client, reading_link(people["follower"].email))


def test_another_revision_scheduled_is_gone(client, world, share, communicator):
    page, people = world
    share(page, communicator)
    page.refresh_from_db()
    page.title = "Budget 2027, corrected"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.scheduled_revision is not None
    assert_gone(client, reading_link(people["follower"].email))


def test_at_go_live_the_link_redirects_to_the_public_page(client, world, share, communicator):
    page, people = world
    item = share(page, communicator)
    url = reading_link(people["follower"].email)
    with time_machine.travel(item.go_live_at + timedelta(seconds=30)):
        assert publish_scheduled_pages()["published"] == 1
        page.refresh_from_db()
        assert page.live
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].endswith(page.get_url())
        assert client.get(response["Location"]).status_code == 200
    # Expired a few days after go-live.
    with time_machine.travel(item.go_live_at + timedelta(days=4)):
        assert client.get(url).status_code == 410


def test_only_scheduled_releases_can_be_shared(client, communicator, factories, publisher):
    client.force_login(communicator)
    live = factories.release(publisher=publisher)
    draft = factories.release(publisher=publisher, publish=False)
    for page in (live, draft):
        response = client.get(reverse("accreditation_admin:share", args=[page.pk]))
        assert response.status_code == 200
        assert response.context["problem"] is not None
        client.post(reverse("accreditation_admin:share", args=[page.pk]), {"action": "share"})
        assert not page.embargo_shares.exists()
    assert embargo.share_problem(live) == embargo.ShareProblem.LIVE


def test_communicators_of_other_publishers_cannot_share(client, world, factories):
    from django.contrib.auth import get_user_model

    from releases.permissions import ensure_communicators_group

    page, _people = world
    stranger = get_user_model().objects.create_user("eve", "eve@gov.example", "pw")
    stranger.groups.add(ensure_communicators_group())
    factories.publisher(name="Other", slug="other").communicators.add(stranger)
    client.force_login(stranger)
    url = reverse("accreditation_admin:share", args=[page.pk])
    assert client.get(url).status_code in (302, 403)
    client.post(url, {"action": "share"})
    assert not page.embargo_shares.exists()
    assert not mail.outbox


def test_share_button_in_the_page_header(client, world, communicator):
    page, _people = world
    client.force_login(communicator)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    assert reverse("accreditation_admin:share", args=[page.pk]) in response.content.decode()


def test_share_button_in_the_page_listing(client, world, communicator, factories, publisher):
    page, _people = world
    live = factories.release(publisher=publisher)
    client.force_login(communicator)
    response = client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert reverse("accreditation_admin:share", args=[page.pk]) in text
    # Only on scheduled releases.
    assert reverse("accreditation_admin:share", args=[live.pk]) not in text


def test_share_page_queries_are_capped(
    client, world, share, communicator, journalist, publisher, django_assert_max_num_queries
):
    page, people = world
    for _n in range(5):
        journalist([publisher])
    share(page, communicator)
    for person in ("follower", "co_follower"):
        client.get(reading_link(people[person].email), HTTP_USER_AGENT=BROWSER)
    client.force_login(communicator)
    url = reverse("accreditation_admin:share", args=[page.pk])
    with django_assert_max_num_queries(40):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["shares"][0]["rows"]) == 7


def test_hostile_share_actions_are_refused_cleanly(client, world, share, communicator):
    page, _people = world
    share(page, communicator)
    client.force_login(communicator)
    url = reverse("accreditation_admin:share", args=[page.pk])
    for data in (
        {"action": "revoke_link", "link": "9" * 40},
        {"action": "revoke_link", "link": "-1"},
        {"action": "revoke_share", "share": "abc"},
        {"action": "nonsense"},
    ):
        assert client.post(url, data).status_code in (302, 404)
    missing = client.get(reverse("accreditation_admin:share", args=[10**15]), follow=True)
    assert missing.status_code == 404


def test_between_go_live_and_the_scheduler_the_link_still_reads(client, world, share, communicator):
    page, people = world
    item = share(page, communicator)
    url = reading_link(people["follower"].email)
    with time_machine.travel(item.go_live_at + timedelta(seconds=20)):
        response = client.get(url)
        assert response.status_code == 200
        assert "Secret figures 42." in response.content.decode()
