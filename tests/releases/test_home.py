"""The home page of each language: latest releases, the latest Council meeting with its
decisions, and the entry points; nothing that is not live."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

pytestmark = pytest.mark.django_db


def test_home_lists_latest_live_releases_of_its_language(client, site_structure, factories):
    newest = factories.release(title="Newest release", published_at=timezone.now())
    older = factories.release(
        title="Older release", published_at=timezone.now() - timedelta(days=2)
    )
    french = factories.release(language="fr", title="Communiqué en français")
    draft = factories.release(title="Draft release", publish=False, live=False)
    scheduled = factories.release(
        title="Scheduled release", live=False, go_live_at=timezone.now() + timedelta(days=1)
    )
    expired = factories.release(title="Expired release")
    type(expired).objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )

    response = client.get("/nl/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(newest.title) < html.index(older.title)
    assert french.title not in html
    for hidden in (draft, scheduled, expired):
        assert hidden.title not in html
    assert "Communiqué en français" in client.get("/fr/").content.decode()


def test_home_shows_latest_meeting_with_decisions(client, site_structure, factories):
    factories.meeting(meeting_date=date(2024, 3, 1), title="Ministerraad van 1 maart")
    latest = factories.meeting(meeting_date=date(2024, 3, 8), title="Ministerraad van 8 maart")
    factories.meeting(
        meeting_date=date(2024, 3, 15), title="Unpublished meeting", publish=False, live=False
    )
    council = factories.council()
    decision = factories.release(parent=latest, publisher=council, title="Begroting 2025")
    hidden = factories.release(
        parent=latest, publisher=council, title="Draft decision", publish=False, live=False
    )

    html = client.get("/nl/").content.decode()
    assert "Ministerraad van 8 maart" in html
    assert f'href="{latest.url}"' in html
    assert "Ministerraad van 1 maart" not in html
    assert "Unpublished meeting" not in html
    assert f'href="{decision.url}"' in html
    assert hidden.title not in html


def test_home_entry_points_have_no_dead_links(client, site_structure, factories):
    html = client.get("/nl/").content.decode()
    assert 'href="/nl/nieuws/"' in html
    assert 'href="/nl/ministerraad/"' in html
    assert 'href="/nl/feeds/"' in html
    assert 'href="/nl/subscribe/"' in html
    assert 'href=""' not in html
    with translation.override("nl"):
        assert gettext("No press releases have been published in this language yet.") in html
    # Every local link in the entry points answers.
    start = html.index('class="entry-points__list"')
    section = html[start : html.index("</nav>", start)]
    for url in re.findall(r'href="(/[^"]*)"', section):
        assert client.get(url).status_code == 200, url


def test_home_query_count_does_not_grow(
    client, site_structure, factories, django_assert_max_num_queries
):
    meeting = factories.meeting()
    council = factories.council()
    for _ in range(3):
        factories.release(parent=meeting, publisher=council)
    for _ in range(12):
        factories.release(co_publishers=[factories.publisher()], themes=[factories.theme()])
    client.get("/nl/")
    with django_assert_max_num_queries(30):
        assert client.get("/nl/").status_code == 200


def test_home_in_each_language(client, site_structure):
    for code in ("fr", "nl", "de", "en"):
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        assert f'<html lang="{code}">' in response.content.decode()
