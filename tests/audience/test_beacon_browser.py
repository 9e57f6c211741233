"""The beacon in a real browser: a reader opening a release counts one view of it, with no
cookie set."""

import time

import pytest

from audience.models import DailyCount
from tests.browser import new_browser_page

BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("site_structure"),
]


def views_of(page):
    return sum(
        DailyCount.objects.filter(kind="view", object_id=page.pk).values_list("count", flat=True)
    )


def test_opening_a_release_counts_one_view_and_sets_no_cookie(
    live_server, chromium, factories, database_counts
):
    release = factories.release(language="en", title="Counted by its beacon")
    # Headless Chromium names itself HeadlessChrome, which the bot patterns leave out.
    page = new_browser_page(chromium, user_agent=BROWSER)
    beacons = []
    page.on(
        "request",
        lambda request: beacons.append(request) if "/audience/beacon/" in request.url else None,
    )
    page.goto(f"{live_server.url}{release.url}")
    deadline = time.monotonic() + 10
    while views_of(release) < 1 and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert views_of(release) == 1, beacons
    (sent,) = beacons
    assert sent.method == "POST" and sent.post_data == "page=" + str(release.pk)
    assert page.context.cookies() == []
    page.context.close()
