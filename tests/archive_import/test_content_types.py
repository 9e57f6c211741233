"""An archive whose press-release type or vocabularies are not named as the mapping file says:
the operator is told what the source holds, a sensible type is chosen, --types and the
vocabulary options choose otherwise, and a run that imports nothing fails."""

import pytest
from django.core.management import CommandError

from archive_import.models import ImportedNode
from directory.models import Publisher

pytestmark = [pytest.mark.mariadb, pytest.mark.django_db]

ALL = 15  # the fixture's press releases; node 18 is a page


def rename_type(presscenter, new, name, attach_vocabularies=True):
    """The fixture's `pressrelease` type under another machine and human name, its CCK table
    and field instance with it."""
    db = presscenter.db
    db.execute("UPDATE node SET type = %s WHERE type = 'pressrelease'", [new])
    db.execute("UPDATE node_type SET type = %s, name = %s WHERE type = 'pressrelease'", [new, name])
    db.execute(
        "UPDATE content_node_field_instance SET type_name = %s WHERE type_name = 'pressrelease'",
        [new],
    )
    db.execute(f"RENAME TABLE content_type_pressrelease TO content_type_{new}")
    if attach_vocabularies:
        db.execute("UPDATE vocabulary_node_types SET type = %s", [new])
    else:
        db.execute("DELETE FROM vocabulary_node_types")


def test_type_named_as_press_release_in_node_type(presscenter, run_import):
    rename_type(presscenter, "persbericht", "Persbericht")
    out, report = run_import("--dry-run")
    for text in (out, report):
        assert "Content types: persbericht (15 nodes, imported), page (1 node)." in text
        assert "Imported as press releases: persbericht (named 'Persbericht' in node_type)." in text
        assert (
            "Vocabularies: Bron (3 terms, publishers), Thema (3 terms, themes), "
            "Tags (1 term, not used)." in text
        )
    assert f"   created: {ALL}" in out and "   skipped: 1" in out
    assert not ImportedNode.objects.exists()

    out, _report = run_import(report_name="real.txt")
    assert f"   created: {ALL}" in out
    # The CCK image field of the renamed type was read too.
    assert ImportedNode.objects.count() == ALL


def test_type_the_vocabularies_are_attached_to(presscenter, run_import):
    rename_type(presscenter, "item", "Item")
    out, _report = run_import("--dry-run")
    assert (
        "Imported as press releases: item (the publisher and theme vocabularies are "
        "attached to it)." in out
    )
    assert f"   created: {ALL}" in out


def test_no_clue_asks_for_types_and_types_chooses(presscenter, run_import):
    rename_type(presscenter, "item", "Item", attach_vocabularies=False)
    with pytest.raises(CommandError, match=r"the source has item \(15\), page \(1\)\. Choose"):
        run_import("--dry-run")
    out, _report = run_import("--types", "item")
    assert "Imported as press releases: item (--types)." in out
    assert f"   created: {ALL}" in out
    with pytest.raises(CommandError, match=r"--types news: no node of that content type"):
        run_import("--types", "news,item")


def test_nothing_imported_is_a_failure(presscenter, run_import, tmp_path):
    # Nodes 1-5 are press releases: with --types page, every node read is skipped.
    with pytest.raises(CommandError, match=r"No node imported: 5 read, 5 of another content"):
        run_import("--types", "page", "--limit", "5")
    # The report was written all the same, saying why.
    report = (tmp_path / "report.txt").read_text()
    assert "Content types: pressrelease (15 nodes), page (1 node, imported)." in report
    assert "   skipped: 5" in report


def test_vocabularies_named_otherwise(presscenter, run_import):
    presscenter.db.execute("UPDATE vocabulary SET name = 'Afzenders' WHERE vid = 1")
    out, _report = run_import("--dry-run")
    assert "Afzenders (3 terms, not used)" in out
    assert "No publisher vocabulary: every release goes to the Presscenter archive" in out

    with pytest.raises(CommandError, match=r"--publisher-vocabularies: no vocabulary Bronnen"):
        run_import("--publisher-vocabularies", "Bronnen")
    out, _report = run_import("--publisher-vocabularies", "afzenders")
    assert "Afzenders (3 terms, publishers)" in out
    assert Publisher.objects.filter(slug="presscenter-agentschap-innovatie").exists()
