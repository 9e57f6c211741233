"""The Council of Ministers: its meetings newest first, paginated, and each meeting with its
decisions."""

from datetime import date, timedelta

import pytest

pytestmark = pytest.mark.django_db


def test_index_lists_live_meetings_newest_first(client, site_structure, factories):
    old = factories.meeting(meeting_date=date(2023, 1, 6), title="Meeting of January")
    new = factories.meeting(meeting_date=date(2023, 2, 3), title="Meeting of February")
    factories.meeting(
        meeting_date=date(2023, 3, 3), title="Unpublished meeting", publish=False, live=False
    )
    factories.meeting(meeting_date=date(2023, 4, 3), title="Réunion en français", language="fr")
    response = client.get("/nl/ministerraad/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(new.title) < html.index(old.title)
    assert '<time class="meeting-list__date" datetime="2023-02-03">' in html
    assert "Unpublished meeting" not in html
    assert "Réunion en français" not in html


def test_index_is_paginated(client, site_structure, factories, settings):
    settings.RELEASES_PER_PAGE = 2
    start = date(2022, 1, 7)
    for week in range(5):
        factories.meeting(meeting_date=start + timedelta(weeks=week), title=f"Week {week}")
    first = client.get("/nl/ministerraad/").content.decode()
    assert "Week 4" in first and "Week 3" in first and "Week 2" not in first
    assert 'href="?page=2"' in first
    third = client.get("/nl/ministerraad/?page=3").content.decode()
    assert "Week 0" in third and "Week 1" not in third
    assert client.get("/nl/ministerraad/?page=99999").status_code == 404
    not_a_number = client.get("/nl/ministerraad/?page=abc")
    assert not_a_number.status_code == 200
    assert "Week 4" in not_a_number.content.decode()


def test_meeting_page_lists_its_live_decisions(client, site_structure, factories):
    meeting = factories.meeting(
        meeting_date=date(2024, 5, 17),
        title="Ministerraad 17 mei",
        intro="<p>The Council met in Brussels.</p>",
    )
    council = factories.council()
    first = factories.release(parent=meeting, publisher=council, title="First decision")
    second = factories.release(parent=meeting, publisher=council, title="Second decision")
    draft = factories.release(
        parent=meeting, publisher=council, title="Draft decision", publish=False, live=False
    )
    response = client.get(meeting.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<time datetime="2024-05-17">' in html
    assert "The Council met in Brussels." in html
    assert html.index(first.title) < html.index(second.title)
    assert draft.title not in html
    assert 'href="/nl/ministerraad/"' in html
    # A decision lives under its meeting: /nl/ministerraad/<meeting>/<decision>/.
    assert first.url == f"{meeting.url}{first.slug}/"
    assert client.get(first.url).status_code == 200


def test_meeting_query_count_does_not_grow(
    client, site_structure, factories, django_assert_max_num_queries
):
    meeting = factories.meeting()
    council = factories.council()
    for _ in range(8):
        factories.release(parent=meeting, publisher=council, themes=[factories.theme()])
    client.get(meeting.url)
    with django_assert_max_num_queries(25):
        assert client.get(meeting.url).status_code == 200
