"""Update notes: a change published with a note shows "Updated on <date>: <note>" on the
release, newest first; feeds carry the latest note and the updated date."""

from datetime import timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from releases.models import PressReleasePage, ReleaseUpdate

pytestmark = pytest.mark.django_db


def publish_with_note(page, text, noted_at=None):
    page = PressReleasePage.objects.get(pk=page.pk)
    page.update_notes.add(ReleaseUpdate(note=text, noted_at=noted_at or timezone.now()))
    page.save_revision().publish()
    return page


def test_the_page_shows_its_notes_newest_first(client, site_structure, factories):
    page = factories.release(title="Budget")
    publish_with_note(page, "First correction.", timezone.now() - timedelta(days=1))
    publish_with_note(page, "Second correction.")
    html = client.get(page.url).content.decode()
    assert html.index("Second correction.") < html.index("First correction.")
    assert "Bijgewerkt op" in html or "Updated on" in html


def test_a_note_in_a_draft_is_not_public(client, site_structure, factories):
    page = PressReleasePage.objects.get(pk=factories.release(title="Budget").pk)
    page.update_notes.add(ReleaseUpdate(note="Not yet."))
    page.save_revision()
    assert "Not yet." not in client.get(page.url).content.decode()


def test_feeds_carry_the_latest_note_and_the_updated_date(client, site_structure, factories):
    page = factories.release(title="Budget", published_at=timezone.now() - timedelta(days=2))
    page = publish_with_note(page, "Amount corrected.")
    page.refresh_from_db()
    rss = feedparser.parse(client.get("/nl/nieuws/rss/").content)
    (entry,) = rss.entries
    assert "Amount corrected." in entry.summary
    atom = feedparser.parse(client.get("/nl/nieuws/atom/").content)
    (entry,) = atom.entries
    assert "Amount corrected." in entry.summary
    updated = entry.updated_parsed
    published = entry.published_parsed
    assert updated > published


def test_feeds_read_notes_in_one_query(client, site_structure, factories):
    def queries():
        client.get("/nl/nieuws/rss/")
        with CaptureQueriesContext(connection) as captured:
            client.get("/nl/nieuws/rss/")
        return len(captured)

    publish_with_note(factories.release(title="Release 0"), "Note 0.")
    one = queries()
    for n in range(1, 4):
        publish_with_note(factories.release(title=f"Release {n}"), f"Note {n}.")
    assert queries() == one
    assert client.get("/nl/nieuws/rss/").content.count(b"Note ") == 4


def test_translations_and_copies_start_without_notes(site_structure, factories):
    page = publish_with_note(factories.release(title="Budget"), "Correctie.")
    translation = factories.translation_of(page, "fr")
    assert not ReleaseUpdate.objects.filter(page=translation).exists()
    copy = PressReleasePage.objects.get(pk=page.pk).copy(update_attrs={"slug": "budget-copy"})
    assert not ReleaseUpdate.objects.filter(page=copy).exists()
    assert ReleaseUpdate.objects.filter(page=page).count() == 1
