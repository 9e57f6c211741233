"""Answers that arrive together, on PostgreSQL with real transactions: a double click counts
once, and two last approvals publish once, without an error page."""

import threading

import pytest
from django.db import connection
from django.test import Client
from wagtail.models import PageLogEntry

from tests.newsportal.test_celery import wagtail_base_rows  # noqa: F401  (a fixture)
from validation.models import MemberValidation

from .conftest import links_by_recipient, path_of
from .helpers import form_fields

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("wagtail_base_rows"),
]


def post_together(urls):
    """Open each link in its own browser, then press the buttons at the same moment."""
    prepared = []
    for url in urls:
        client = Client(enforce_csrf_checks=True)
        token, revision = form_fields(client.get(path_of(url)))
        data = {"csrfmiddlewaretoken": token, "revision": revision, "action": "approve"}
        prepared.append((client, path_of(url), data))
    barrier = threading.Barrier(len(prepared))
    results = [None] * len(prepared)

    def answer(index, client, path, data):
        try:
            barrier.wait()
            results[index] = client.post(path, data).status_code
        except Exception as error:  # reported by the assertion below
            results[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=answer, args=(index, *item)) for index, item in enumerate(prepared)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_double_click_counts_once(make_decision, members, communicator, submit):
    page = make_decision(members[:1])
    submit(page, communicator)
    url = links_by_recipient()["spokes0a@example.be"]
    assert post_together([url, url, url]) == [200, 200, 200]
    assert PageLogEntry.objects.filter(page=page, action="validation.approve").count() == 1
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1
    page.refresh_from_db()
    assert page.live


def test_last_two_approvals_together_publish_once(make_decision, members, communicator, submit):
    page = make_decision(members[:2])
    submit(page, communicator)
    links = links_by_recipient()
    results = post_together([links["spokes0a@example.be"], links["spokes1b@example.be"]])
    assert results == [200, 200]
    assert set(MemberValidation.objects.values_list("status", flat=True)) == {"approved"}
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1
    page.refresh_from_db()
    assert page.live
