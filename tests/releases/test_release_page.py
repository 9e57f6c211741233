"""The release page: every body block, metadata for search engines and social networks,
translation links and the language switcher, and a bounded number of SQL queries."""

import json
import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from tests import factories as factories_module

pytestmark = pytest.mark.django_db

YOUTUBE_ID = factories_module.YOUTUBE_ID


class HeadParser(HTMLParser):
    """Collects <link>, <meta>, JSON-LD scripts and the language switcher's links."""

    def __init__(self):
        super().__init__()
        self.links = []
        self.metas = {}
        self.json_ld = []
        self.switcher = {}
        self._in_json_ld = False
        self._in_switcher = False
        self._buffer = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.metas.setdefault(key, []).append(attrs.get("content"))
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self._buffer = []
        elif tag == "nav" and "language-switcher" in (attrs.get("class") or ""):
            self._in_switcher = True
        elif tag == "a" and self._in_switcher:
            self.switcher[attrs["hreflang"]] = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "script" and self._in_json_ld:
            self.json_ld.append(json.loads("".join(self._buffer)))
            self._in_json_ld = False
        elif tag == "nav":
            self._in_switcher = False

    def handle_data(self, data):
        if self._in_json_ld:
            self._buffer.append(data)

    def alternates(self):
        return {
            link["hreflang"]: link["href"]
            for link in self.links
            if link.get("rel") == "alternate" and link.get("hreflang")
        }

    def canonical(self):
        return [link["href"] for link in self.links if link.get("rel") == "canonical"]


def parse(response):
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def test_every_block_type_renders(client, site_structure, factories):
    body, media = factories.full_release_body()
    page = factories.release(title="Budget agreed", body=body)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()

    assert "The government agreed on the <b>budget</b>." in html
    assert '<h2 class="block-heading">What changes</h2>' in html
    assert '<h3 class="block-heading">For families</h3>' in html
    # Image: alt text from ImageBlock, responsive renditions, caption, credit, original file.
    assert 'alt="The minister speaks"' in html
    assert re.search(r'srcset="[^"]+ 480w, [^"]+ 800w, [^"]+ 1200w"', html)
    assert "Press conference in Brussels" in html and "Belga" in html
    assert f'href="{media["photo"].file.url}" download' in html
    # Gallery: each original downloadable.
    assert "Photos of the day" in html
    for image in media["gallery"]:
        assert f'href="{image.file.url}" download' in html
    # Infographic: the full text alternative in an expandable <details>.
    assert "Infographic: Where the money goes" in html
    assert re.search(
        r"<details[^>]*>\s*<summary>[^<]+</summary>\s*<div class=\"rich-text\">"
        r"<p>Health takes 40 percent",
        html,
    )
    # Video: a click-to-load button, nothing from the host before the click.
    assert f'data-video-provider="youtube" data-video-id="{YOUTUBE_ID}"' in html
    assert "<iframe" not in html
    assert "youtube-nocookie.com" not in html
    assert "Good morning, today we announce the budget." in html
    # Uploaded video file.
    assert "<video" in html and media["clip"].url in html
    # Its captions, in the page's language.
    assert (
        f'<track kind="captions" src="{media["captions"].url}" srclang="nl" label="Ondertiteling"'
        in html
    )
    # Attachment: title, type and human size.
    assert "Budget 2025 in figures" in html
    assert re.search(r"\(PDF, 2[.,]0\xa0KB\)", html)
    # Quote and table.
    assert "<blockquote" in html and "A fair budget." in html and "The Prime Minister" in html
    assert "<caption>Budget by department</caption>" in html
    assert '<th scope="col"' in html and "Defence" in html


def test_video_script_builds_privacy_friendly_players(client, site_structure, factories):
    """The player URLs are in the script, not in the page: only a click inserts them."""
    from django.contrib.staticfiles import finders

    script = open(finders.find("js/site.js"), encoding="utf-8").read()
    assert "https://www.youtube-nocookie.com/embed/" in script
    assert "https://player.vimeo.com/video/" in script
    page = factories.release()
    html = client.get(page.url).content.decode()
    assert re.search(r'<script src="/static/js/site\.js" defer>', html)


def test_header_facts_publishers_themes(client, site_structure, factories):
    main = factories.publisher(name="FPS Finance", slug="fps-finance")
    co = factories.government_member(name="Jan Janssens", slug="jan-janssens")
    theme = factories.theme(name_nl="Begroting", slug="begroting")
    published = timezone.now().replace(microsecond=0) - timedelta(hours=3)
    page = factories.release(
        publisher=main,
        co_publishers=[co],
        themes=[theme],
        published_at=published,
        lead="The lead sums it up.",
    )
    html = client.get(page.url).content.decode()
    local = timezone.localtime(published)
    assert f'<time datetime="{local.isoformat()}">' in html
    assert 'href="/nl/source/fps-finance/"' in html
    assert 'href="/nl/source/jan-janssens/"' in html
    assert "Begroting" in html
    assert '<p class="release__lead">The lead sums it up.</p>' in html
    assert re.search(r"<h1[^>]*>" + re.escape(page.title) + "</h1>", html)


def test_metadata_json_ld_open_graph_canonical(client, site_structure, factories):
    body, _media = factories.full_release_body()
    page = factories.release(
        title="Budget </script><script>alert(1)</script> agreed",
        body=body,
        lead="Health & care first.",
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    head = parse(response)

    assert head.canonical() == [f"http://testserver{page.url}"]
    assert len(head.json_ld) == 1
    data = head.json_ld[0]
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == page.title
    assert data["description"] == "Health & care first."
    assert data["inLanguage"] == "nl"
    assert data["url"] == f"http://testserver{page.url}"
    assert data["datePublished"].startswith(page.published_at.date().isoformat()[:4])
    assert data["author"][0]["name"] == page.publisher.display_name
    assert data["image"][0].startswith("http://testserver/")

    assert head.metas["og:type"] == ["article"]
    assert head.metas["og:title"] == [page.title]
    assert head.metas["og:description"] == ["Health & care first."]
    assert head.metas["og:image"][0] == data["image"][0]
    assert head.metas["twitter:card"] == ["summary_large_image"]
    assert head.metas["article:published_time"][0].startswith(str(timezone.localdate().year)[:2])


def test_metadata_without_image(client, site_structure, factories):
    page = factories.release()
    head = parse(client.get(page.url))
    assert "image" not in head.json_ld[0]
    assert "og:image" not in head.metas
    assert head.metas["twitter:card"] == ["summary"]


def test_translations_hreflang_and_switcher(client, site_structure, factories):
    nl = factories.release(language="nl", title="Begroting goedgekeurd", slug="begroting")
    fr = factories.translation_of(nl, "fr", title="Budget approuvé", slug="budget")
    assert fr.url == "/fr/actualites/budget/"

    head = parse(client.get(nl.url))
    assert head.alternates() == {
        "nl": "http://testserver/nl/nieuws/begroting/",
        "fr": "http://testserver/fr/actualites/budget/",
        "x-default": "http://testserver/nl/nieuws/begroting/",
    }
    # The switcher: the translation when there is one, otherwise that language's home.
    assert head.switcher == {"fr": "/fr/actualites/budget/", "de": "/de/", "en": "/en/"}
    html = client.get(nl.url).content.decode()
    assert re.search(r'<a href="/fr/actualites/budget/" hreflang="fr" lang="fr">Français</a>', html)

    fr_head = parse(client.get(fr.url))
    assert fr_head.switcher["nl"] == "/nl/nieuws/begroting/"
    assert fr_head.alternates()["fr"] == "http://testserver/fr/actualites/budget/"
    assert '<html lang="fr">' in client.get(fr.url).content.decode()


def test_unpublished_and_draft_translations_are_not_linked(client, site_structure, factories):
    from wagtail.models import Locale

    nl = factories.release(language="nl", slug="begroting")
    fr = factories.translation_of(nl, "fr", slug="budget")
    fr.unpublish()
    # A German draft: created, never published.
    nl.copy_for_translation(Locale.objects.get(language_code="de"), copy_parents=True)

    response = client.get(nl.url)
    html = response.content.decode()
    assert "/fr/actualites/budget/" not in html
    assert "/de/nachrichten/" + nl.slug not in html
    head = parse(response)
    assert head.alternates() == {}  # a single live version needs no alternates
    assert head.switcher["fr"] == "/fr/"
    assert head.switcher["de"] == "/de/"
    assert "Also available in" not in html


def test_expired_translation_is_not_linked(client, site_structure, factories):
    nl = factories.release(language="nl")
    fr = factories.translation_of(nl, "fr", slug="expire")
    type(fr).objects.filter(pk=fr.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    html = client.get(nl.url).content.decode()
    assert fr.url not in html


def test_council_decision_links_meeting_and_members(client, site_structure, factories):
    meeting = factories.meeting(title="Ministerraad van 14 maart")
    member = factories.government_member(
        name="Anna Peeters", slug="anna-peeters", portfolio_nl="Minister van Volksgezondheid"
    )
    decision = factories.release(parent=meeting, publisher=factories.council())
    decision.concerned_members.set([member])
    factories.publish_as_validated(decision)
    html = client.get(decision.url).content.decode()
    with translation.override("nl"):
        assert gettext("Decision of the Council of Ministers") in html
    assert f'href="{meeting.url}"' in html
    assert 'href="/nl/source/anna-peeters/"' in html
    assert "Minister van Volksgezondheid" in html


def test_press_contacts_and_related_links(client, site_structure, factories):
    publisher = factories.publisher()
    spokesperson = factories.contact(publisher, name="Sofie Martens", phone="+32 2 501 02 11")
    retired = factories.contact(publisher, name="Former Spokesperson", is_active=False)
    other = factories.release(title="Earlier release")
    draft = factories.release(title="Draft release", publish=False, live=False)
    links = json.dumps(
        [
            {"type": "link", "value": {"title": "Earlier", "page": other.pk, "url": ""}},
            {"type": "link", "value": {"title": "Not yet public", "page": draft.pk, "url": ""}},
            {
                "type": "link",
                "value": {"title": "Budget site", "page": None, "url": "https://bosa.belgium.be/"},
            },
        ]
    )
    page = factories.release(publisher=publisher, related_links=links)
    page.press_contacts.set([spokesperson, retired])
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Sofie Martens" in html
    assert "Former Spokesperson" not in html
    assert f'href="{other.url}">Earlier</a>' in html
    assert "Not yet public" not in html
    assert 'href="https://bosa.belgium.be/"' in html


def test_query_count_is_bounded(client, site_structure, factories, django_assert_max_num_queries):
    body, _media = factories.full_release_body()
    publisher = factories.publisher()
    page = factories.release(
        body=body,
        publisher=publisher,
        co_publishers=[factories.publisher() for _ in range(3)],
        themes=[factories.theme() for _ in range(3)],
    )
    page.press_contacts.set([factories.contact(publisher) for _ in range(4)])
    page.save_revision().publish()
    factories.translation_of(page, "fr")
    client.get(page.url)  # renditions are created on the first view
    with django_assert_max_num_queries(40):
        assert client.get(page.url).status_code == 200


def test_query_count_does_not_grow_with_publishers_themes_contacts(
    client, site_structure, factories, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(page):
        client.get(page.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        return len(queries)

    small = factories.release(co_publishers=[factories.publisher()], themes=[factories.theme()])
    small.press_contacts.set([factories.contact(small.publisher)])
    small.save_revision().publish()
    big = factories.release(
        co_publishers=[factories.publisher() for _ in range(6)],
        themes=[factories.theme() for _ in range(6)],
    )
    big.press_contacts.set([factories.contact(big.publisher) for _ in range(6)])
    big.save_revision().publish()
    assert count(big) == count(small)


def test_not_live_release_is_not_served(client, site_structure, factories):
    draft = factories.release(publish=False, live=False)
    assert client.get(f"/nl/nieuws/{draft.slug}/").status_code == 404


def test_captions_need_a_video_file_and_a_webvtt_file(factories):
    from django.core.exceptions import ValidationError

    from releases.blocks import VideoBlock

    clip = factories.document("Clip", "clip.mp4", b"\x00\x00\x00\x18ftypmp42" + b"0" * 100)
    captions = factories.document("Captions", "clip.vtt", b"WEBVTT\n")
    not_captions = factories.document("Notes", "notes.pdf", b"%PDF-1.4 notes")
    block = VideoBlock()

    def errors(**value):
        value = {"title": "Clip", "url": "", "file": None, "captions": None, **value}
        try:
            block.clean(block.to_python({k: getattr(v, "pk", v) for k, v in value.items()}))
        except ValidationError as error:
            return set(error.block_errors)
        return set()

    assert errors(file=clip, captions=captions) == set()
    assert errors(url=f"https://youtu.be/{YOUTUBE_ID}", captions=captions) == {"captions"}
    assert errors(file=clip, captions=not_captions) == {"captions"}


def test_government_members_are_named_with_their_portfolio(client, site_structure, factories):
    member = factories.government_member(
        name="Jan Goossens", slug="jan-goossens", portfolio_nl="Minister van Energie"
    )
    release = factories.release(publisher=member, co_publishers=[factories.publisher(name="FOD")])
    html = client.get(release.url).content.decode()
    assert '<a href="/nl/source/jan-goossens/">Jan Goossens, Minister van Energie</a>' in html
    # The news filters and the feeds page name them the same way.
    listing = client.get("/nl/nieuws/").content.decode()
    assert ">Jan Goossens, Minister van Energie</option>" in listing
    feeds = client.get("/nl/feeds/").content.decode()
    assert "Jan Goossens, Minister van Energie" in feeds
    subscribe = client.get("/nl/subscribe/").content.decode()
    assert "Jan Goossens, Minister van Energie" in subscribe


def test_releases_of_a_former_member_say_so(client, site_structure, factories):
    former = factories.government_member(
        name="Alexander De Croo", is_active=False, term_end=date(2025, 2, 3)
    )
    current = factories.government_member(name="Sophie Wauters")
    old = factories.release(publisher=former)
    new = factories.release(publisher=current)
    with translation.override("nl"):
        expected = gettext(
            "Published under a previous government: %(name)s left office on %(end)s."
        ) % {"name": "Alexander De Croo", "end": date_format(date(2025, 2, 3), "DATE_FORMAT")}
    assert expected in client.get(old.url).content.decode()
    assert "release__notice--history" not in client.get(new.url).content.decode()
