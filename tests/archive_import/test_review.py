"""The importer's edges against the MariaDB fixture: odd old URLs answered by HTTP, nodes
unpublished or re-linked in Drupal after a first import, translation sets, the imported pages
on the public site (page, listing, feed, search) and in the editor, bad input."""

import re

import pytest
from django.core.management import CommandError, call_command
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from archive_import.models import ImportedNode
from releases.blocks import RICH_TEXT_FEATURES
from releases.models import PressReleasePage

pytestmark = [pytest.mark.mariadb, pytest.mark.django_db]


def page_of(nid):
    return PressReleasePage.objects.get(pk=ImportedNode.objects.get(nid=nid).page_id)


def assert_dead_end(client, old, page):
    """`old` ends in a 404 (after Django's own slash and language redirects) and never passes
    through the page's URL."""
    response = client.get(old, follow=True)
    assert response.status_code == 404, old
    assert all(url != page.url for url, _status in response.redirect_chain), old


@pytest.mark.urls("newsportal.urls")
def test_odd_aliases_and_language_prefixed_node_paths_redirect(presscenter, run_import, client):
    """Drupal served a node at /<prefix>/node/NID when it had no alias (and its url() wrote
    such links), at each alias under the alias's prefix — accents, spaces, capitals and a
    trailing slash included — and accepted a trailing slash on the request."""
    presscenter.node(
        30, "nl", "Zomer 2009", "Tekst.", terms=(10,),
        aliases=[("nieuws/été 2009", "nl"), ("Nieuws/Hoofdletters", "nl"),
                 ("nieuws/met-slash/", "nl"), ("vraag?antwoord", "nl")],
    )  # fmt: skip
    run_import()
    summer = page_of(30)
    cases = {
        "/nl/node/1": page_of(1),
        "/nl/node/1/": page_of(1),
        "/fr/node/2": page_of(2),
        "/fr/node/6": page_of(6),
        "/nl/node/30": summer,
        "/nl/nieuws/%C3%A9t%C3%A9%202009": summer,
        "/nl/nieuws/%C3%A9t%C3%A9%202009/": summer,
        "/nl/Nieuws/Hoofdletters": summer,
        "/nl/nieuws/met-slash": summer,
        "/nl/nieuws/met-slash/": summer,
        "/nl/vraag%3Fantwoord": summer,
        "/nl/pressrelease/20080315/zomer-2009": summer,
    }
    for old, page in cases.items():
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == page.url, old
    # Nothing for the unpublished node under any path.
    for old in ("/node/7", "/nl/node/7"):
        assert_dead_end(client, old, page_of(7))


@pytest.mark.urls("newsportal.urls")
def test_node_unpublished_in_drupal_later_loses_its_redirects(presscenter, run_import, client):
    run_import()
    page = page_of(12)
    assert client.get("/node/12").status_code == 301
    presscenter.db.execute("UPDATE node SET status = 0, changed = changed + 60 WHERE nid = 12")
    out, report = run_import(report_name="second.txt")
    assert "   updated: 1\n" in out
    page.refresh_from_db()
    assert not page.live
    # No old URL gives away the new URL of a page that is no longer public.
    assert not Redirect.objects.filter(redirect_page=page).exists()
    for old in ("/node/12", "/nl/node/12", "/nl/pressrelease/20080314/persbericht-een"):
        assert_dead_end(client, old, page)
    assert client.get(page.url).status_code == 404
    # Published again: the old URLs come back.
    presscenter.db.execute("UPDATE node SET status = 1, changed = changed + 60 WHERE nid = 12")
    run_import(report_name="third.txt")
    page.refresh_from_db()
    assert page.live
    assert client.get("/node/12")["Location"] == page.url


def test_translation_set_changed_in_drupal_relinks_the_pages(presscenter, run_import):
    """An editor who linked node 14 (nl) and node 6 (fr) as translations after the first
    import: the next run links the pages too."""
    run_import()
    assert page_of(14).translation_key != page_of(6).translation_key
    presscenter.db.execute("UPDATE node SET tnid = 14, changed = changed + 60 WHERE nid IN (6, 14)")
    out, _report = run_import(report_name="second.txt")
    assert "   updated: 2\n" in out
    assert page_of(14).translation_key == page_of(6).translation_key
    assert [p.pk for p in page_of(14).get_translations()] == [page_of(6).pk]


def test_source_node_keeps_its_language_in_a_translation_set(presscenter, run_import):
    """Two Dutch nodes in one set, the translation (nid 40) before its source (nid 41): the
    source is the Dutch version of the set, the other stands alone (reported)."""
    presscenter.node(40, "nl", "Oude vertaling", "Oud.", tnid=41, terms=(10,))
    presscenter.node(41, "nl", "Bron", "Bron.", tnid=41, terms=(10,))
    presscenter.node(42, "fr", "Source", "Source.", tnid=41, terms=(11,))
    _out, report = run_import("--batch", "1")
    assert page_of(41).translation_key == page_of(42).translation_key
    assert page_of(40).translation_key != page_of(41).translation_key
    assert "node/40\ttranslation conflict" in report
    assert "node/41\ttranslation conflict" not in report


def test_language_neutral_nodes_go_to_the_drupal_default_language(presscenter, run_import):
    presscenter.db.execute(
        "UPDATE variable SET value = %s WHERE name = 'language_default'",
        ['O:8:"stdClass":2:{s:8:"language";s:2:"fr";s:6:"prefix";s:2:"fr";}'],
    )
    _out, report = run_import()
    assert page_of(4).locale.language_code == "fr"
    assert "node/4\tlanguage-neutral node\timported in fr" in report


@pytest.mark.urls("newsportal.urls")
def test_imported_pages_render_and_are_listed_only_when_live(run_import, client):
    run_import()
    listing = page_of(1).get_parent()
    listed = client.get(listing.url)
    feed = client.get(listing.url + "rss/")
    assert listed.status_code == 200 and feed.status_code == 200
    for imported in ImportedNode.objects.all():
        page = PressReleasePage.objects.get(pk=imported.page_id)
        if page.locale_id != listing.locale_id:
            continue
        response = client.get(page.url)
        if page.live:
            assert response.status_code == 200, imported.nid
            assert page.title in response.content.decode(), imported.nid
        else:
            assert response.status_code == 404, imported.nid
        title = page.title.replace("'", "&#x27;")
        assert (title in listed.content.decode()) == page.live, imported.nid
        assert (page.title in feed.content.decode()) == page.live, imported.nid
    assert Page.find_problems() == ([], [], [], [], [])


def test_imported_bodies_pass_the_editor(run_import):
    """Every imported body is valid for the release body's blocks (an editor can save it)
    and its rich text comes back unchanged from Draftail."""
    run_import()
    converter = ContentstateConverter(RICH_TEXT_FEATURES)
    block = PressReleasePage._meta.get_field("body").stream_block
    for page in PressReleasePage.objects.filter(pk__in=ImportedNode.objects.values("page_id")):
        block.clean(page.body)
        for child in page.body.raw_data:
            if child["type"] == "paragraph":
                back = converter.to_database_format(converter.from_database_format(child["value"]))
                assert re.sub(r' data-block-key="[^"]*"', "", back) == child["value"]


@pytest.mark.postgres
@pytest.mark.urls("newsportal.urls")
def test_search_finds_an_imported_release_by_a_body_word(run_import, client):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    run_import()
    # One index entry per imported page, live or not (the public search filters on live).
    indexed = set(
        IndexEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(PressReleasePage)
        ).values_list("object_id", flat=True)
    )
    assert {str(pk) for pk in ImportedNode.objects.values_list("page_id", flat=True)} <= indexed
    budget = page_of(1)
    # "Franse" is only in the body (the lead is the teaser).
    assert "Franse" not in budget.lead
    response = client.get(budget.get_parent().url, {"q": "Franse"})
    assert response.status_code == 200
    assert budget.url in response.content.decode()
    # Not the unpublished node's text.
    response = client.get(budget.get_parent().url, {"q": "Concept"})
    assert page_of(7).url not in response.content.decode()


def test_dry_run_writes_no_file(run_import, settings):
    run_import("--dry-run")
    media = settings.MEDIA_ROOT
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]


def test_wrong_credentials_are_a_clear_error(presscenter):
    database = presscenter.url.rsplit("/", 1)[1]
    with pytest.raises(CommandError, match="Cannot connect"):
        call_command(
            "import_presscenter", "--source", f"mysql://nobody:wrong@127.0.0.1:3306/{database}"
        )
    assert not ImportedNode.objects.exists()


@pytest.mark.parametrize("batch", ["500", "1"])
def test_links_to_unpublished_nodes_do_not_give_their_page_away(presscenter, run_import, batch):
    """A page link would print the unpublished page's URL (its slug is its title) in a public
    body: the link stays /node/NID, which redirects once that node is published."""
    presscenter.node(
        50, "nl", "Verwijzing",
        'Zie <a href="/node/7">concept</a>, <a href="/nl/node/51">later</a> en '
        '<a href="/node/13">gepubliceerd</a>.',
        terms=(10,),
    )  # fmt: skip
    presscenter.node(51, "nl", "Geheim later bericht", "Geheim.", status=0, terms=(10,))
    _out, report = run_import("--batch", batch)
    html = "".join(b["value"] for b in page_of(50).body.raw_data if b["type"] == "paragraph")
    assert '<a href="/node/7">concept</a>' in html
    assert '<a href="/node/51">later</a>' in html
    assert f'<a linktype="page" id="{page_of(13).pk}">gepubliceerd</a>' in html
    assert "node/50\tlink to an unpublished node\tnode/7" in report
    assert "node/50\tunresolved link" not in report


def test_unwritable_report_path_is_refused_before_anything_is_imported(presscenter, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(CommandError, match="report"):
        call_command(
            "import_presscenter", "--source", presscenter.url,
            "--report", str(blocker / "report.txt"),
        )  # fmt: skip
    assert not ImportedNode.objects.exists()


def test_source_lost_during_the_run_is_a_clear_error(presscenter, run_import, monkeypatch):
    """The server goes away while nodes are streamed: a message, not a traceback, and what
    was imported stays for the next run to continue from."""
    import pymysql

    from archive_import.source import DrupalSource

    original = DrupalSource.stream_nodes

    def stream_nodes(self, *args, **kwargs):
        for index, rows in enumerate(original(self, *args, **kwargs)):
            if index == 1:
                raise pymysql.OperationalError(2013, "Lost connection to server during query")
            yield rows

    monkeypatch.setattr(DrupalSource, "stream_nodes", stream_nodes)
    with pytest.raises(CommandError, match="Lost connection.*run the command again"):
        run_import("--batch", "5")
    assert ImportedNode.objects.count() == 5


@pytest.mark.parametrize(
    "default_format, expected, problem",
    [
        ('s:1:"1";', "<p><b>vet</b><br/>tweede regel</p>", None),
        ('s:1:"2";', "<p>&lt;b&gt;vet&lt;/b&gt;<br/>tweede regel</p>", "PHP body imported as text"),
    ],
)
def test_format_0_is_the_site_default_format(
    presscenter, run_import, default_format, expected, problem
):
    presscenter.db.execute(
        "UPDATE variable SET value = %s WHERE name = 'filter_default_format'", [default_format]
    )
    presscenter.node(60, "nl", "Standaardformaat", "<b>vet</b>\ntweede regel", fmt=0, terms=(10,))
    _out, report = run_import()
    [paragraph] = [b for b in page_of(60).body.raw_data if b["type"] == "paragraph"]
    assert paragraph["value"] == expected
    assert ("node/60\tPHP body imported as text" in report) == (problem is not None)


def test_cck_data_written_through_latin1_is_repaired_then_read(presscenter, run_import):
    """A PHP-serialized `_data` value that went through a latin1 connection: its byte counts
    no longer match, so it is read after the mojibake repair (which restores the bytes)."""
    from .drupal_fixture import mojibake, php_data

    presscenter.node(70, "fr", "Côte", "Texte.", terms=(11,))
    presscenter.db.execute(
        "UPDATE content_type_pressrelease SET field_photo_fid = 3, field_photo_list = 1, "
        "field_photo_data = %s WHERE nid = 70",
        [mojibake(php_data("La côte à Ostende", "Été"))],
    )
    _out, report = run_import()
    [photo] = [b for b in page_of(70).body.raw_data if b["type"] == "image"]
    assert photo["value"]["image"]["alt_text"] == "La côte à Ostende"
    assert photo["value"]["caption"] == "Été"
    assert "node/70\tunreadable CCK file data" not in report
    assert "node/70\tmojibake repaired\tfid 3 data repaired" in report


def test_mapped_term_names_are_matched_after_the_mojibake_repair(
    presscenter, run_import, factories
):
    from .drupal_fixture import mojibake

    health = factories.publisher(slug="fps-health", name="FPS Health")
    presscenter.db.insert(
        "term_data",
        [{"tid": 13, "vid": 1, "name": mojibake("SPF Santé publique"), "description": "",
          "weight": 0, "language": "fr", "trid": 0}],
    )  # fmt: skip
    presscenter.node(80, "fr", "Vaccins", "Texte.", terms=(13,))
    _out, report = run_import()
    assert page_of(80).publisher == health
    assert "node/80\tunknown publisher term" not in report


def test_nodes_deleted_in_drupal_are_reported_not_dropped(presscenter, run_import):
    """A full run tells which imported nodes Drupal no longer has (their pages are left for an
    editor to decide); a partial run (--since, --limit) cannot tell and says nothing."""
    run_import()
    presscenter.db.execute("DELETE FROM node WHERE nid = 13")
    _out, report = run_import("--limit", "5", report_name="partial.txt")
    assert "deleted in Drupal" not in report
    _out, report = run_import(report_name="full.txt")
    assert f"node/13\tdeleted in Drupal\tpage {page_of(13).pk} left as it is" in report
    assert page_of(13).live
