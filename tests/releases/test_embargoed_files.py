"""The files of a release are not out before the release: a document used only by pages that are
not live, public and unexpired answers 404 to the public, whoever holds its URL; editors who
can choose it in the admin still get it."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core.scheduled_publishing import publish_scheduled_pages
from releases.models import PressReleasePage
from releases.permissions import ensure_communicators_group

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 budget figures " + b"x" * 512


def attachment(document):
    return {"type": "attachment", "value": {"document": document.pk, "title": ""}}


def link_to(document):
    html = f'<p>See <a linktype="document" id="{document.pk}">the figures</a>.</p>'
    return {"type": "paragraph", "value": html}


def body(*blocks):
    return json.dumps(list(blocks))


@pytest.fixture
def pdf(factories):
    return factories.document("Budget 2026 in figures", "budget-2026.pdf", PDF)


@pytest.fixture
def editor(site_structure):
    user = get_user_model().objects.create_user("alice", "alice@example.be", "pw")
    user.groups.add(ensure_communicators_group())
    return user


def fetch(client, document):
    response = client.get(document.url)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, content


def assert_withheld(client, document):
    status, content = fetch(client, document)
    assert status == 404
    assert PDF not in content


def assert_served(client, document):
    assert fetch(client, document) == (200, PDF)


def test_embargoed_release_document_is_withheld_until_go_live(
    client, editor, site_structure, factories, pdf
):
    embargo = timezone.now().replace(second=0, microsecond=0) + timedelta(hours=3)
    page = factories.release(body=body(attachment(pdf)), published_at=embargo, publish=False)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live and page.scheduled_revision

    assert pdf.url.startswith("/documents/")
    assert_withheld(client, pdf)
    # An editor previewing the release gets it.
    editor_client = Client()
    editor_client.force_login(editor)
    assert_served(editor_client, pdf)

    with time_machine.travel(embargo + timedelta(seconds=30), tick=False):
        assert_withheld(client, pdf)  # the time has come, the scheduler has not run yet
        assert publish_scheduled_pages()["published"] == 1
        assert_served(client, pdf)


def test_documents_no_live_page_uses_are_withheld(client, site_structure, factories, pdf):
    # Uploaded, used nowhere yet.
    assert_withheld(client, pdf)
    # In a draft.
    draft = factories.release(body=body(attachment(pdf)), publish=False)
    assert_withheld(client, pdf)
    # Linked from the text of a live release: out.
    live = factories.release(body=body(link_to(pdf)))
    assert_served(client, pdf)
    # That release is taken down: withheld again, although the draft still uses it.
    live.unpublish()
    assert_withheld(client, pdf)
    assert draft.pk


def test_expired_and_private_releases_do_not_serve_their_documents(
    client, site_structure, factories, pdf
):
    page = factories.release(body=body(attachment(pdf)))
    assert_served(client, pdf)
    # Past its expiry, before the scheduler took it down.
    PressReleasePage.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    assert_withheld(client, pdf)
    PressReleasePage.objects.filter(pk=page.pk).update(expire_at=None)
    assert_served(client, pdf)
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert_withheld(client, pdf)


def test_a_file_added_by_a_scheduled_change_waits_for_the_change(
    client, site_structure, factories, pdf
):
    annex = factories.document("Annex", "annex.pdf", PDF)
    page = factories.release(body=body(attachment(pdf)))
    embargo = timezone.now().replace(second=0, microsecond=0) + timedelta(hours=2)
    page.body = body(attachment(pdf), attachment(annex))
    page.go_live_at = embargo
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live and page.scheduled_revision
    assert_served(client, pdf)
    assert_withheld(client, annex)
    # A draft saved on the live release does not make it public either.
    page.save_revision()
    assert_withheld(client, annex)

    with time_machine.travel(embargo + timedelta(seconds=30), tick=False):
        assert publish_scheduled_pages()["published"] == 1
        assert_served(client, annex)
        assert_served(client, pdf)


def test_anonymous_and_outsiders_get_the_same_404(client, site_structure, factories, pdf):
    """Logged in without the right to choose documents is the public."""
    outsider = get_user_model().objects.create_user("bob", "bob@example.be", "pw")
    client.force_login(outsider)
    assert_withheld(client, pdf)
