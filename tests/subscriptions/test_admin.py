"""The Subscriptions menu of the admin: subscribers (search, filter, CSV export, suspend,
GDPR erasure), counts per publisher and theme, rounds with their counts, digest times."""

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model

from subscriptions.models import Delivery, DigestSettings, Subscriber, SubscriptionRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("boss", "boss@example.be", "pw")
    client.force_login(user)
    return client


def test_subscribers_list_search_filter_and_csv_export(admin_client, make_subscriber):
    make_subscriber(email_address="alice@example.org", languages=["fr"], email_language="fr")
    bob = make_subscriber(email_address="bob@example.org")
    bob.set_state(Subscriber.State.SUSPENDED, "Postmark: bounced")

    page = admin_client.get("/admin/subscribers/").content.decode()
    assert "alice@example.org" in page and "bob@example.org" in page
    assert "/admin/subscribers/new/" not in page  # only the double opt-in adds subscribers

    found = admin_client.get("/admin/subscribers/", {"q": "alice"}).content.decode()
    assert "alice@example.org" in found and "bob@example.org" not in found

    suspended = admin_client.get("/admin/subscribers/", {"state": "suspended"}).content.decode()
    assert "bob@example.org" in suspended and "alice@example.org" not in suspended

    response = admin_client.get("/admin/subscribers/", {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert len(rows) == 3
    emails = {row[0] for row in rows[1:]}
    assert emails == {"alice@example.org", "bob@example.org"}


def test_add_view_is_refused(admin_client):
    assert admin_client.get("/admin/subscribers/new/").status_code in (302, 403)


def test_suspend_from_the_edit_form(admin_client, make_subscriber, factories):
    publisher = factories.publisher()
    subscriber = make_subscriber(publishers=[publisher])
    url = f"/admin/subscribers/edit/{subscriber.pk}/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {
            "state": "suspended",
            "state_reason": "Asked by phone",
            "frequency": "digest",
            "publishers": [publisher.pk],
            "email_language": "nl",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.SUSPENDED
    assert subscriber.email.startswith("journalist")  # read-only: unchanged


def test_delete_erases_personal_data_and_keeps_anonymous_counts(
    admin_client, make_subscriber, factories, run_round
):
    subscriber = make_subscriber(email_address="gone@example.org", everything=True)
    factories.release()
    digest_round = run_round()
    assert Delivery.objects.filter(subscriber=subscriber).exists()
    SubscriptionRequest.create(
        email="gone@example.org", choices={}, email_language="nl", consent_text="x"
    )
    url = f"/admin/subscribers/delete/{subscriber.pk}/"
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url).status_code == 302
    assert not Subscriber.objects.exists()
    assert not Delivery.objects.exists()
    assert not SubscriptionRequest.objects.exists()
    digest_round.refresh_from_db()
    assert digest_round.sent == 1  # the round's counts stay


def test_counts_per_publisher_and_theme(admin_client, make_subscriber, factories):
    finance = factories.publisher(name="FPS Finance")
    climate = factories.theme(name_en="Climate", name_nl="Klimaat")
    make_subscriber(publishers=[finance], themes=[climate])
    make_subscriber(publishers=[finance])
    make_subscriber(everything=True).set_state(Subscriber.State.UNSUBSCRIBED)
    response = admin_client.get("/admin/subscription_counts/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "FPS Finance</td><td>2</td>" in page
    assert "</td><td>1</td>" in page


def test_rounds_list_shows_counts(admin_client, make_subscriber, factories, run_round):
    make_subscriber(everything=True)
    make_subscriber(publishers=[factories.publisher()])
    factories.release()
    run_round()
    page = re.sub(r"\s+", " ", admin_client.get("/admin/digest_rounds/").content.decode())
    row = page[page.index("<tbody>") :]
    # subscribers 2, sent 1, skipped 1, failed 0, suppressed 0
    assert re.search(
        r"<td ?> 2 </td> <td ?> 1 </td> <td ?> 1 </td> <td ?> 0 </td> <td ?> 0 </td>", row
    )
    assert "/admin/digest_rounds/new/" not in page


def test_digest_times_are_a_setting_the_admin_edits(admin_client):
    url = f"/admin/settings/subscriptions/digestsettings/{DigestSettings.load().pk}/"
    assert admin_client.get(url).status_code == 200
    bad = admin_client.post(url, {"times": "25:00"})
    assert bad.status_code == 200 and "08:00, 12:00" in bad.content.decode()
    assert admin_client.post(url, {"times": "07:30,18:00"}).status_code == 302
    assert [t.strftime("%H:%M") for t in DigestSettings.load().slot_times()] == ["07:30", "18:00"]


def test_admin_pages_need_permission(client, db, make_subscriber):
    user = get_user_model().objects.create_user("editor", "e@example.be", "pw")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/subscribers/").status_code in (302, 403)
    assert client.get("/admin/subscription_counts/").status_code in (302, 403)
