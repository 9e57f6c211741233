"""The dashboard shows my releases published lately with their reach: the emails sent that
carried them (alerts and digests), not those still pending or failed."""

import pytest
from django.contrib.auth import get_user_model

from releases.permissions import ensure_communicators_group
from subscriptions.models import Delivery, Dispatch
from tests import factories as f
from tests.dashboard import dashboard, panel

pytestmark = pytest.mark.django_db


def deliver(release, subscribers, state, kind=Dispatch.Kind.ALERT):
    for subscriber in subscribers:
        dispatch = Dispatch.objects.create(subscriber=subscriber, kind=kind, state=state)
        Delivery.objects.create(subscriber=subscriber, page=release, dispatch=dispatch)


def test_recently_published_with_emails_sent(site_structure, make_subscriber, client):
    finance = f.publisher(name="FPS Finance")
    health = f.publisher(name="FPS Health")
    user = get_user_model().objects.create_user("alice", "alice@example.be", "pw")
    user.groups.add(ensure_communicators_group())
    finance.communicators.add(user)
    budget = f.release(publisher=finance, title="Budget adopted")
    f.release(publisher=health, title="Vaccination campaign")
    subscribers = [make_subscriber() for _n in range(5)]
    deliver(budget, subscribers[:3], Dispatch.State.SENT, kind=Dispatch.Kind.DIGEST)
    deliver(budget, subscribers[3:4], Dispatch.State.SENT)
    deliver(budget, subscribers[4:], Dispatch.State.FAILED)

    html = dashboard(client, user)
    published = panel(html, "recently-published")
    assert "Budget adopted" in published and "Emails sent" in published
    assert "<td>4</td>" in published
    assert "Vaccination campaign" not in html
