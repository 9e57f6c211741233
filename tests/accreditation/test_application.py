"""Applying for accreditation: the public form, the address confirmed by a POST from the
emailed link, an administrator's decision (with the reason emailed), a year's validity and the
reminder a month before its end, with a prefilled renewal."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accreditation import tasks
from accreditation.models import Accreditation
from core.tokens import hash_token

from .conftest import links, mails_to, path_of, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def publishers(factories, site_structure):
    return {
        "council": factories.council(name="Council of Ministers", slug="council"),
        "fps": factories.publisher(name="FPS Finance", slug="fps-finance"),
        "member": factories.government_member(name="Jane Minister", slug="jane"),
        "former": factories.publisher(name="Dissolved Office", slug="gone", is_active=False),
    }


def form_data(known, **overrides):
    data = {
        "name": "Anna Reporter",
        "medium": "De Standaard",
        "email": "Anna@Standaard.example",
        "press_card_number": "BE-12345",
        "publishers": [known["fps"].pk, known["member"].pk],
        "language": "fr",
        "website": "",
    }
    data.update(overrides)
    return data


def apply(client, django_capture_on_commit_callbacks, data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("accreditation:apply"), data)


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("root", "root@gov.example", "pw")


def test_form_offers_active_publishers_grouped(client, publishers):
    response = client.get("/en/accreditation/")
    assert response.status_code == 200
    text = response.content.decode()
    for label in ("Council of Ministers", "Federal institutions", "Government members"):
        assert label in text
    assert "FPS Finance" in text and "Jane Minister" in text
    assert "Dissolved Office" not in text


def test_application_is_confirmed_by_a_post_from_the_email(
    client, publishers, django_capture_on_commit_callbacks
):
    response = apply(client, django_capture_on_commit_callbacks, form_data(publishers))
    assert response.status_code == 302
    accreditation = Accreditation.objects.get()
    assert accreditation.email == "anna@standaard.example"
    assert accreditation.status == Accreditation.Status.UNCONFIRMED
    assert set(accreditation.publishers.all()) == {publishers["fps"], publishers["member"]}

    [message] = mails_to("anna@standaard.example")
    parsed, text = text_of(message)
    assert parsed["Subject"] == "Confirmez votre demande d’accréditation"
    [url] = [url for url in links(text) if "/confirm/" in url]
    token = url.rstrip("/").rsplit("/", 1)[1]
    # Only the hash is stored.
    assert accreditation.confirmation_hash == hash_token(token)
    assert token not in str(Accreditation.objects.values().get())

    # Opening the link (a mail scanner does) changes nothing.
    response = client.get(path_of(url))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    accreditation.refresh_from_db()
    assert accreditation.status == Accreditation.Status.UNCONFIRMED

    response = client.post(path_of(url))
    assert response.status_code == 200
    accreditation.refresh_from_db()
    assert accreditation.status == Accreditation.Status.PENDING
    assert accreditation.confirmed_at is not None
    # Used: the link is gone.
    assert client.post(path_of(url)).status_code == 404


def test_confirmation_link_expires(client, publishers, django_capture_on_commit_callbacks):
    apply(client, django_capture_on_commit_callbacks, form_data(publishers))
    [url] = [u for u in links(text_of(mail.outbox[0])[1]) if "/confirm/" in u]
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        assert client.post(path_of(url)).status_code == 404
    assert Accreditation.objects.get().status == Accreditation.Status.UNCONFIRMED


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"email": "not an address"}, "email"),
        ({"publishers": []}, "publishers"),
        ({"publishers": ["99999999999999999999"]}, "publishers"),
        ({"publishers": ["x"]}, "publishers"),
        ({"name": ""}, "name"),
        ({"language": "xx"}, "language"),
    ],
)
def test_bad_input_gets_a_message(
    client, publishers, django_capture_on_commit_callbacks, overrides, field
):
    response = apply(client, django_capture_on_commit_callbacks, form_data(publishers, **overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Accreditation.objects.exists()
    assert not mail.outbox


def test_inactive_publisher_is_refused(client, publishers, django_capture_on_commit_callbacks):
    data = form_data(publishers, publishers=[publishers["former"].pk])
    assert apply(client, django_capture_on_commit_callbacks, data).status_code == 400


def test_honeypot_sends_nothing(client, publishers, django_capture_on_commit_callbacks):
    data = form_data(publishers, website="http://spam.example")
    assert apply(client, django_capture_on_commit_callbacks, data).status_code == 302
    assert not Accreditation.objects.exists() and not mail.outbox


def decide(client, accreditation, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("accreditation_admin:decide", args=[accreditation.pk]), data)


def test_administrator_approves_for_a_year(
    client, admin_user, journalist, publishers, django_capture_on_commit_callbacks
):
    pending = journalist([publishers["fps"]], status=Accreditation.Status.PENDING, language="en")
    client.force_login(admin_user)
    listing = client.get(reverse("accreditation_accreditation:index") + "?status=pending")
    assert listing.status_code == 200
    assert pending.name in listing.content.decode()
    assert reverse("accreditation_admin:decide", args=[pending.pk]) in listing.content.decode()

    response = decide(client, pending, django_capture_on_commit_callbacks, decision="approved")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Accreditation.Status.APPROVED
    assert pending.decided_by == admin_user
    assert timedelta(days=364) < pending.expires_at - timezone.now() <= timedelta(days=365)
    assert pending.is_valid()
    [message] = mails_to(pending.email)
    parsed, text = text_of(message)
    assert parsed["Subject"] == "Your accreditation is approved"


def test_refusal_needs_a_reason_which_is_emailed(
    client, admin_user, journalist, publishers, django_capture_on_commit_callbacks
):
    pending = journalist([publishers["fps"]], status=Accreditation.Status.PENDING, language="en")
    client.force_login(admin_user)
    response = decide(client, pending, django_capture_on_commit_callbacks, decision="refused")
    assert response.status_code == 400
    assert not mail.outbox
    reason = "No valid press card: ask your union."
    decide(client, pending, django_capture_on_commit_callbacks, decision="refused", reason=reason)
    pending.refresh_from_db()
    assert pending.status == Accreditation.Status.REFUSED and not pending.is_valid()
    parsed, text = text_of(mails_to(pending.email)[0])
    assert parsed["Subject"] == "Your application for accreditation is refused"
    assert reason in text


def test_withdrawal(client, admin_user, journalist, publishers, django_capture_on_commit_callbacks):
    approved = journalist([publishers["fps"]], language="en")
    client.force_login(admin_user)
    # An approved accreditation cannot be "approved" again, only withdrawn.
    again = decide(client, approved, django_capture_on_commit_callbacks, decision="approved")
    assert again.status_code == 400
    decide(
        client, approved, django_capture_on_commit_callbacks, decision="withdrawn", reason="Leak."
    )
    approved.refresh_from_db()
    assert approved.status == Accreditation.Status.WITHDRAWN
    assert not Accreditation.objects.valid().exists()


def test_only_administrators_decide(client, journalist, publishers, communicator_user):
    pending = journalist([publishers["fps"]], status=Accreditation.Status.PENDING)
    client.force_login(communicator_user)
    url = reverse("accreditation_admin:decide", args=[pending.pk])
    assert client.post(url, {"decision": "approved"}).status_code in (302, 403)
    pending.refresh_from_db()
    assert pending.status == Accreditation.Status.PENDING


@pytest.fixture
def communicator_user(db):
    from releases.permissions import ensure_communicators_group

    user = get_user_model().objects.create_user("bob", "bob@gov.example", "pw")
    user.groups.add(ensure_communicators_group())
    return user


def test_expiry_and_reminder_a_month_before(
    client, journalist, publishers, django_capture_on_commit_callbacks
):
    accreditation = journalist([publishers["fps"], publishers["member"]], language="nl")
    end = accreditation.expires_at
    with time_machine.travel(end - timedelta(days=40)):
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.remind_expiring() == 0
    with time_machine.travel(end - timedelta(days=29)):
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.remind_expiring() == 1
        with django_capture_on_commit_callbacks(execute=True):
            # Once only.
            assert tasks.remind_expiring() == 0
    [message] = mails_to(accreditation.email)
    parsed, text = text_of(message)
    assert parsed["Subject"] == "Uw accreditatie loopt binnenkort af"
    [renew] = [url for url in links(text) if "renew=" in url]
    # Renewal: the form prefilled with the current details.
    response = client.get(path_of(renew))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["email"] == accreditation.email
    assert sorted(form.initial["publishers"]) == sorted(
        [publishers["fps"].pk, publishers["member"].pk]
    )
    # A forged renewal value prefills nothing.
    forged = client.get(reverse("accreditation:apply") + "?renew=1:abc")
    assert forged.status_code == 200 and not forged.context["form"].initial
    with time_machine.travel(end + timedelta(seconds=1)):
        assert not Accreditation.objects.valid().exists()
        accreditation.refresh_from_db()
        assert not accreditation.is_valid()


def test_application_form_queries_are_capped(client, publishers, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get("/fr/accreditation/").status_code == 200


def test_hostile_confirmation_tokens(client, site_structure):
    for token in ("x", "a" * 101, "%00", "' OR 1=1 --"):
        response = client.post(f"/nl/accreditation/confirm/{token}/")
        assert response.status_code == 404


def test_applications_are_rate_limited(
    client, publishers, django_capture_on_commit_callbacks, settings
):
    settings.ACCREDITATION_RATE_LIMIT_PER_IP = (2, 3600)
    codes = [
        apply(
            client, django_capture_on_commit_callbacks, form_data(publishers, email=f"p{n}@x.be")
        ).status_code
        for n in range(3)
    ]
    assert codes == [302, 302, 429]
    assert Accreditation.objects.count() == 2
