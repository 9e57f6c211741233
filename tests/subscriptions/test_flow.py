"""The whole journey through the public pages: subscribe, confirm, receive the right digest,
leave with one click."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from subscriptions.forms import CONSENT_TEXT
from subscriptions.models import Delivery, Subscriber, SubscriptionRequest

from .conftest import links, mails_to, parse, parts

pytestmark = pytest.mark.django_db


def subscribe_url(language="nl"):
    with translation.override(language):
        return reverse("subscriptions:subscribe")


def subscribe(client, captured, language="nl", **data):
    form = {
        "email": "reporter@example.org",
        "content_languages": ["nl"],
        "email_language": "nl",
        "frequency": "digest",
        "consent": "on",
        **data,
    }
    with captured(execute=True):
        return client.post(subscribe_url(language), form)


def confirm_link(address):
    (message,) = mails_to(address)
    text, html = parts(parse(message))
    (url,) = [link for link in links(text) if "/confirm/" in link]
    assert url in html
    return urlparse(url).path


def subscribe_and_confirm(client, captured, **data):
    response = subscribe(client, captured, **data)
    assert response.status_code == 302, response.content.decode()[:2000]
    address = data.get("email", "reporter@example.org")
    path = confirm_link(address)
    assert client.post(path).status_code == 200
    mail.outbox.clear()
    return Subscriber.objects.get(email=address)


def test_subscribe_page_is_linked_from_home_and_shows_the_form(client, site_structure, factories):
    factories.council()
    factories.publisher(name="FPS Finance")
    factories.government_member(name="Jane Minister")
    factories.theme(name_fr="Santé", name_nl="Gezondheid", name_de="Gesundheit", name_en="Health")
    assert subscribe_url() == "/nl/subscribe/"
    home = client.get("/nl/")
    assert 'href="/nl/subscribe/"' in home.content.decode()
    response = client.get("/nl/subscribe/")
    assert response.status_code == 200
    page = response.content.decode()
    for text in ("FPS Finance", "Jane Minister", "Council of Ministers", "Gezondheid"):
        assert text in page
    assert 'name="website"' in page  # the honeypot
    assert '<html lang="nl">' in page


def test_subscribe_page_queries_do_not_grow_with_publishers(
    client, site_structure, factories, django_assert_max_num_queries
):
    for _index in range(30):
        factories.publisher()
        factories.government_member()
        factories.theme()
    # The site header and menu take ~10; the form one per publisher kind and one for themes.
    with django_assert_max_num_queries(16):
        assert client.get("/en/subscribe/").status_code == 200


def test_double_opt_in_then_digest_then_one_click_unsubscribe(
    client, site_structure, factories, django_capture_on_commit_callbacks, run_round
):
    finance = factories.publisher(name="FPS Finance")
    health = factories.theme(name_nl="Gezondheid", name_fr="Santé")

    response = subscribe(
        client,
        django_capture_on_commit_callbacks,
        organisations=[finance.pk],
        themes=[health.pk],
        content_languages=["nl", "fr"],
        email_language="fr",
    )
    assert response.status_code == 302
    assert response["Location"] == "/nl/subscribe/sent/"
    assert client.get(response["Location"]).status_code == 200
    # Only the confirmation is sent, in the chosen email language; no subscriber yet.
    (confirmation,) = mail.outbox
    parsed = parse(confirmation)
    assert parsed["To"] == "reporter@example.org"
    assert parsed["Subject"] == "Confirmez votre abonnement aux communiqués de presse"
    assert not Subscriber.objects.exists()
    request = SubscriptionRequest.objects.get()
    # The wording consented to is the one shown: the form was on /nl/.
    with translation.override("nl"):
        assert request.consent_text == str(CONSENT_TEXT)
    assert request.consent_text.startswith("Ik ga ermee akkoord")

    path = confirm_link("reporter@example.org")
    # A mail scanner following the link changes nothing.
    page = client.get(path)
    assert page.status_code == 200
    assert "<form" in page.content.decode()
    assert not Subscriber.objects.exists()

    assert client.post(path).status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.state == Subscriber.State.ACTIVE
    assert subscriber.content_languages == ["fr", "nl"]
    assert subscriber.email_language == "fr"
    assert list(subscriber.publishers.all()) == [finance]
    assert list(subscriber.themes.all()) == [health]
    assert subscriber.consent_text == request.consent_text and subscriber.consent_at
    assert not SubscriptionRequest.objects.exists()
    # The link is used up.
    assert client.post(path).status_code == 404

    mail.outbox.clear()
    by_finance = factories.release(publisher=finance, title="Budget 2027")
    by_finance_fr = factories.translation_of(by_finance, "fr", title="Budget 2027 FR")
    factories.release(themes=[health], title="Vaccination campaign")
    factories.release(title="Not followed")
    digest_round = run_round()
    assert digest_round.sent == 1

    (digest,) = mail.outbox
    parsed = parse(digest)
    assert parsed["Subject"] == "3 nouveaux communiqués de presse"
    unsubscribe = str(parsed["List-Unsubscribe"]).strip()  # long: folded onto its own line
    assert re.fullmatch(
        r"<http://testserver/fr/unsubscribe/[0-9a-f]{32}-[0-9a-f]{40}/>", unsubscribe
    )
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsed["Message-ID"]
    text, html = parts(parsed)
    assert '<html lang="fr"' in html and "<h1" in html
    for title in ("Budget 2027", "Budget 2027 FR", "Vaccination campaign"):
        assert title in text and title in html
    assert "Not followed" not in text
    assert "FPS Finance" in text
    urls = links(text)
    assert f"http://testserver{by_finance.url}" in urls
    assert f"http://testserver{by_finance_fr.url}" in urls
    manage = [u for u in urls if "/fr/subscription/" in u]
    assert manage and manage[0] in html
    assert Delivery.objects.filter(subscriber=subscriber, dispatch__state="sent").count() == 3

    # RFC 8058: a bare POST, no cookie, no CSRF token.
    one_click = Client(enforce_csrf_checks=True)
    path = urlparse(unsubscribe.strip("<>")).path
    page = one_click.get(path)
    assert page.status_code == 200 and "<form" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.ACTIVE  # GET changed nothing
    response = one_click.post(path, "List-Unsubscribe=One-Click", content_type="text/plain")
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.UNSUBSCRIBED
    # Idempotent.
    assert one_click.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.UNSUBSCRIBED

    mail.outbox.clear()
    factories.release(publisher=finance)
    assert run_round().skipped == 0
    assert mail.outbox == []


def test_manage_link_changes_choices_without_password(
    client, site_structure, factories, django_capture_on_commit_callbacks
):
    finance = factories.publisher()
    minister = factories.government_member()
    subscriber = subscribe_and_confirm(
        client, django_capture_on_commit_callbacks, organisations=[finance.pk]
    )
    from subscriptions.emails import manage_url

    path = urlparse(manage_url(subscriber)).path
    page = client.get(path)
    assert page.status_code == 200
    assert f'value="{finance.pk}"' in page.content.decode()
    response = client.post(
        path,
        {
            "members": [minister.pk],
            "content_languages": ["de", "en"],
            "email_language": "de",
            "frequency": "immediate",
        },
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert list(subscriber.publishers.all()) == [minister]
    assert subscriber.content_languages == ["de", "en"]
    assert subscriber.frequency == "immediate"
    # A tampered token shows a clear page and changes nothing.
    tampered = path[:-3] + ("0" if path[-3] != "0" else "1") + "/"
    assert client.post(tampered, {"everything": "on"}).status_code == 404
    subscriber.refresh_from_db()
    assert not subscriber.everything


def test_new_subscriber_gets_no_backlog(site_structure, factories, make_subscriber, run_round):
    factories.release()
    make_subscriber(everything=True, confirmed_at=timezone.now())
    assert run_round().skipped == 1
    assert mail.outbox == []
