"""The importer against a real Drupal 6 database in MariaDB (see drupal_fixture.py)."""

import io

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, ReferenceIndex

from archive_import.models import ImportedFile, ImportedNode, ImportRun
from directory.models import Publisher
from releases.models import PressReleasePage, Theme

pytestmark = [pytest.mark.mariadb, pytest.mark.django_db]

IMPORTED = 15  # the fixture's press releases; node 18 is a page


def page_of(nid):
    return PressReleasePage.objects.get(pk=ImportedNode.objects.get(nid=nid).page_id)


def blocks(page, block_type):
    return [b for b in page.body.raw_data if b["type"] == block_type]


def body_html(page):
    return "".join(b["value"] for b in blocks(page, "paragraph"))


@pytest.fixture
def known_terms(factories):
    """The mapping file's targets that exist in the directory."""
    return (
        factories.publisher(slug="fps-finance", name="FPS Finance", name_nl="FOD Financiën"),
        factories.theme(slug="health", name_nl="Gezondheid"),
    )


def test_content_translations_and_files(run_import, known_terms, presscenter):
    finance, health = known_terms
    out, report = run_import()
    assert "   created: 15" in out and "   skipped: 1" in out and "    failed: 0" in out

    source = page_of(1)
    assert source.locale.language_code == "nl"
    # The current revision (node.vid), not the newest draft revision.
    assert source.title == "Begroting 2008 goedgekeurd"
    assert source.live and not source.has_unpublished_changes
    assert source.first_published_at.isoformat() == "2008-03-14T10:00:00+00:00"
    assert source.published_at == source.first_published_at
    assert source.last_published_at.isoformat() == "2008-03-14T10:10:00+00:00"
    assert source.publisher == finance
    assert list(source.themes.all()) == [health]
    assert source.lead == "De regering keurt de begroting goed. De tekst volgt."
    assert source.get_parent().specific_class.__name__ == "NewsIndexPage"
    html = body_html(source)
    assert "break" not in html
    assert html.startswith("<p>De regering keurt de begroting goed.<br/>De tekst volgt.</p>")
    # Links to another node and to a file became Wagtail page and document links.
    french = page_of(2)
    assert f'<a linktype="page" id="{french.pk}">de Franse versie</a>' in html
    report_pdf = ImportedFile.objects.get(fid=1).document
    assert f'<a linktype="document" id="{report_pdf.pk}">rapport</a>' in html
    # An absolute link to the old site, by a language-neutral alias.
    assert f'<a linktype="page" id="{page_of(4).pk}">onze site</a>' in html
    # The inline imagecache picture became an image block of the original file.
    [inline] = blocks(source, "image")
    assert inline["value"]["image"]["alt_text"] == "De minister"
    assert inline["value"]["image"]["image"] == ImportedFile.objects.get(fid=2).image_id
    [attachment] = blocks(source, "attachment")
    assert attachment["value"] == {"document": report_pdf.pk, "title": "Het rapport"}
    assert ImportedNode.objects.get(nid=1).author == "jan.peeters"
    assert ImportedNode.objects.get(nid=6).problems == [
        ["mojibake", "title repaired"],
        ["mojibake", "body repaired"],
        ["mojibake", "teaser repaired"],
    ]

    # Translations: the set shares one key; the second Dutch node of the set stands alone.
    assert french.translation_key == source.translation_key
    assert french.locale.language_code == "fr"
    assert {p.pk for p in source.get_translations()} == {french.pk}
    assert page_of(3).translation_key != source.translation_key
    assert page_of(10).translation_key == page_of(11).translation_key
    assert finance.name_nl == "FOD Financiën"
    assert french.publisher == finance  # the French term of the same translation set

    # Sanitised: no script, handler, javascript: URL; the YouTube iframe is a video block.
    french_html = body_html(french)
    assert "script" not in french_html and "onclick" not in french_html
    assert "javascript" not in french_html and "evil" not in str(french.body.raw_data)
    [video] = blocks(french, "video")
    assert video["value"]["url"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"

    neutral = page_of(4)
    assert neutral.locale.language_code == "nl"
    assert neutral.publisher.slug == "presscenter-archive"
    assert "&lt;?php print 'hallo'; ?&gt;" in body_html(page_of(5))
    assert page_of(5).publisher.slug == "presscenter-agentschap-innovatie"
    mojibake = page_of(6)
    assert mojibake.title == "Été 2009 : résultats"
    assert "l’été" in body_html(mojibake)
    [ecoute] = blocks(mojibake, "attachment")
    assert ecoute["value"]["title"] == "Écoute"
    assert not page_of(7).live and page_of(7).first_published_at is None
    assert Theme.objects.get(slug="ruimtevaart").name_en == "Ruimtevaart"

    # CCK image with its alt text and caption; the shared file and its twin stored once.
    coast = page_of(14)
    [photo] = blocks(coast, "image")
    assert photo["value"]["image"]["alt_text"] == "De kust bij Oostende"
    assert photo["value"]["caption"] == "Oostende"
    image = Image.objects.get(pk=photo["value"]["image"]["image"])
    assert image.description == "De kust bij Oostende" and image.width == 40
    documents = [b["value"]["document"] for b in blocks(coast, "attachment")]
    assert documents == [report_pdf.pk, report_pdf.pk]  # fid 1 shared, fid 5 same bytes
    assert ImportedFile.objects.get(fid=5).document_id == report_pdf.pk
    assert not ImportedFile.objects.filter(fid=4).exists()  # missing on disk
    assert not ImportedFile.objects.filter(fid=7).exists()  # orphan, used by no node
    assert Document.objects.count() == 2  # rapport and écoute
    assert report_pdf.collection.name == "Presscenter archive"

    # The forward link (node 16 → 17, by path and by alias) was resolved at the end.
    later = page_of(17)
    forward = body_html(page_of(16))
    assert forward.count(f'<a linktype="page" id="{later.pk}">') == 2
    assert not ImportedNode.objects.filter(links_pending=True).exists()
    assert PressReleasePage.objects.filter(pk__in=[p.pk for p in [later]]).exists()

    # The report lists every problem with its node.
    for line in [
        "node/2\tunsafe HTML removed\tremoved: iframe, javascript-link, script",
        "node/3\ttranslation conflict",
        "node/4\tlanguage-neutral node",
        "node/4\tno publisher, fallback used",
        "node/5\tPHP body imported as text",
        "node/6\tmojibake repaired\ttitle repaired",
        "node/12\tduplicate alias",
        "node/14\tmissing file\tfid 4: sites/default/files/weg.pdf is not on disk",
        "node/15\tbroken HTML",
        "node/15\tunknown format",
        "node/18\tcontent type not imported\tpage",
    ]:
        assert line in report, line
    assert report in out
    assert "retried" not in report
    run = ImportRun.objects.get()
    assert run.counts["created"] == IMPORTED and run.finished_at


def test_tree_is_consistent_after_bulk_insert(run_import):
    run_import()
    index = page_of(1).get_parent()
    assert index.numchild == index.get_children().count() >= 10
    for page in Page.objects.filter(pk__in=ImportedNode.objects.values("page_id")):
        assert page.get_parent().pk in set(
            Page.objects.filter(depth=3).values_list("pk", flat=True)
        )
        assert page.url_path == page.get_parent().url_path + page.slug + "/"
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.urls("newsportal.urls")
def test_old_urls_redirect_by_http(run_import, client):
    run_import()
    budget, french = page_of(1), page_of(2)
    cases = {
        "/node/1": budget,
        "/nl/begroting": budget,
        "/nl/nieuws/begroting-2008": budget,
        "/nl/nieuws/begroting-2008/": budget,
        "/nl/pressrelease/20080314/begroting-2008-goedgekeurd": budget,
        "/node/2": french,
        "/fr/budget-2008": french,
        "/fr/pressrelease/20080314/budget-2008-approuve": french,
        "/over-ons": page_of(4),
        "/nl/over-ons": page_of(4),
        "/nl/persbericht": page_of(13),  # the newest alias row wins, as in Drupal
        "/node/12": page_of(12),
        "/fr/pressrelease/20080314/ete-2009-resultats": page_of(6),
    }
    for old, page in cases.items():
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == page.url, old
    # The new page answers where the redirect points.
    assert client.get(budget.url).status_code == 200
    assert client.get("/node/999").status_code in (302, 404)  # not an old node: no 301
    assert not Redirect.objects.filter(old_path="/node/18").exists()
    # An unpublished node's old URL does not give away its new URL.
    assert client.get("/node/7").status_code in (302, 404)
    assert not Redirect.objects.filter(redirect_page=page_of(7)).exists()


def test_second_run_changes_nothing_then_updates_what_changed(run_import, presscenter):
    run_import()
    counts = (
        Page.objects.count(),
        Redirect.objects.count(),
        Document.objects.count(),
        Image.objects.count(),
        Publisher.objects.count(),
        Theme.objects.count(),
    )
    bodies = {n.nid: list(n.page.specific.body.raw_data) for n in ImportedNode.objects.all()}
    out, report = run_import(report_name="second.txt")
    assert "   created: 0\n   updated: 0\n unchanged: 15\n   skipped: 1" in out
    assert (
        Page.objects.count(),
        Redirect.objects.count(),
        Document.objects.count(),
        Image.objects.count(),
        Publisher.objects.count(),
        Theme.objects.count(),
    ) == counts
    assert {
        n.nid: list(n.page.specific.body.raw_data) for n in ImportedNode.objects.all()
    } == bodies

    # Drupal edits node 12: a new title and a new alias.
    presscenter.db.execute(
        "UPDATE node SET title = 'Persbericht een (herzien)', changed = changed + 60 WHERE nid = 12"
    )
    presscenter.db.execute(
        "UPDATE node_revisions SET title = 'Persbericht een (herzien)' WHERE nid = 12"
    )
    presscenter.db.execute(
        "INSERT INTO url_alias (src, dst, language) VALUES ('node/12', 'herzien', 'nl')"
    )
    out, _report = run_import(report_name="third.txt")
    assert "   created: 0\n   updated: 1\n unchanged: 14" in out
    page = page_of(12)
    assert page.title == "Persbericht een (herzien)"
    assert Redirect.objects.get(old_path="/nl/herzien").redirect_page_id == page.pk
    assert Page.objects.count() == counts[0]


def test_dry_run_writes_nothing(run_import):
    before = (Page.objects.count(), Redirect.objects.count(), Publisher.objects.count())
    out, report = run_import("--dry-run")
    assert "dry run: nothing written" in report
    assert "   created: 15" in out
    assert "node/14\tmissing file" in report
    assert (Page.objects.count(), Redirect.objects.count(), Publisher.objects.count()) == before
    assert not ImportedNode.objects.exists() and not ImportedFile.objects.exists()
    assert not ImportRun.objects.exists() and not Document.objects.exists()


def test_limit_and_since(run_import, presscenter):
    out, _report = run_import("--limit", "3")
    assert "   created: 3" in out
    assert set(ImportedNode.objects.values_list("nid", flat=True)) == {1, 2, 3}
    # Only nodes changed since a date: node 17 is touched in 2024.
    presscenter.db.execute("UPDATE node SET changed = UNIX_TIMESTAMP('2024-05-01') WHERE nid = 17")
    out, _report = run_import("--since", "2024-01-01", report_name="since.txt")
    assert "   created: 1" in out
    assert ImportedNode.objects.filter(nid=17).exists()
    assert not ImportedNode.objects.filter(nid=16).exists()


def test_bad_arguments_are_clear_errors(presscenter, tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("import_presscenter", "--source", presscenter.url, "--since", "yesterday")
    with pytest.raises(CommandError, match="Cannot connect"):
        call_command("import_presscenter", "--source", "mysql://root@127.0.0.1:1/nothing")
    not_drupal = presscenter.url.rsplit("/", 1)[0] + "/information_schema"
    with pytest.raises(CommandError, match="is not a Drupal 6 database"):
        call_command("import_presscenter", "--source", not_drupal)
    with pytest.raises(CommandError, match="mysql://"):
        call_command("import_presscenter", "--source", "postgres://x/y")
    with pytest.raises(CommandError, match="no such folder"):
        call_command(
            "import_presscenter", "--source", presscenter.url, "--files", str(tmp_path / "no")
        )
    assert not Page.objects.filter(pk__in=ImportedNode.objects.values("page_id")).exists()


def test_a_failing_node_fails_alone(run_import, monkeypatch):
    """A node the importer cannot write is reported as failed; the rest of its batch is
    imported, including the publishers its batch had created before the rollback."""
    from archive_import.pages import PageWriter

    original = PageWriter.fields

    def page_fields(self, node, note):
        if node.nid == 5:
            raise ValueError("cannot write this node")
        return original(self, node, note)

    monkeypatch.setattr(PageWriter, "fields", page_fields)
    out, report = run_import()
    assert "   created: 14" in out and "    failed: 1" in out
    assert "node/5\tfailed\tValueError: cannot write this node" in report
    assert "batch retried node by node" in report
    assert not ImportedNode.objects.filter(nid=5).exists()
    assert page_of(4).publisher.slug == "presscenter-archive"
    assert page_of(1).publisher.slug == "presscenter-fod-financien"

    monkeypatch.setattr(PageWriter, "fields", original)
    out, _report = run_import(report_name="again.txt")
    assert "   created: 1\n" in out and " unchanged: 14" in out


def test_files_of_imported_live_releases_are_served(run_import, known_terms, client):
    """The bulk insert records which documents and images each page uses (Wagtail's usage),
    without rebuild_references_index: the public is served a document only while a live page
    uses it."""
    run_import()
    report_pdf = ImportedFile.objects.get(fid=1).document
    source = page_of(1)
    assert source.live
    usage = {
        (ref.object_id, ref.model_path) for ref in ReferenceIndex.get_references_to(report_pdf)
    }
    assert (str(source.pk), "body.attachment.document") in usage
    assert (str(source.pk), "body.paragraph") in usage  # the link in the text
    response = client.get(report_pdf.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # The usage Wagtail records for the content fields: rebuilding it changes none of it (it
    # adds the publisher, a plain foreign key, which no public file check reads).
    before = set(ReferenceIndex.objects.values_list("object_id", "to_object_id", "content_path"))
    call_command("rebuild_references_index", stdout=io.StringIO())
    after = set(ReferenceIndex.objects.values_list("object_id", "to_object_id", "content_path"))

    def of_body(rows):
        return {row for row in rows if row[0] == str(source.pk) and row[2].startswith("body.")}

    assert of_body(before) and of_body(after) == of_body(before)
