"""The archive import with its PostgreSQL connection dropped mid-run (a database restart or
failover): the run carries on or stops, and the next run completes it with nothing lost or
doubled — pages, old-URL redirects, documents."""

import threading
import time

import pytest
from django.db import DatabaseError, connection
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.models import Page

from archive_import.models import ImportedFile, ImportedNode
from releases.models import PressReleasePage
from tests.archive_import.conftest import presscenter, run_import  # noqa: F401
from tests.archive_import.drupal_fixture import add_bulk_nodes
from tests.subscriptions.backends import backend_pid, terminate_backend

pytestmark = [
    pytest.mark.mariadb,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

EXTRA = 200
EXPECTED = 15 + EXTRA


class DropWhenImported(threading.Thread):
    """From a connection of its own, terminates the PostgreSQL session of the thread that
    creates it (the import's) once `count` nodes are imported (committed)."""

    def __init__(self, count):
        super().__init__(daemon=True)
        self.pid, self.count = backend_pid(connection), count
        self.dropped_at = None
        self.stop = threading.Event()

    def run(self):
        from django.db import connection as own

        try:
            while not self.stop.is_set():
                imported = ImportedNode.objects.count()
                if imported >= self.count:
                    terminate_backend(self.pid)
                    self.dropped_at = imported
                    return
                time.sleep(0.01)
        finally:
            own.close()


@pytest.mark.parametrize("drop_after", [5, 60])
def test_import_with_its_connection_dropped_resumes_without_loss_or_doubles(
    presscenter,  # noqa: F811
    run_import,  # noqa: F811
    drop_after,
):
    from core.site_structure import ensure_site_structure

    ensure_site_structure(hostname="testserver")
    add_bulk_nodes(presscenter.db, 1000, EXTRA)
    dropper = DropWhenImported(drop_after)
    dropper.start()
    try:
        run_import("--batch", "5", report_name="dropped.txt")
    except DatabaseError:
        pass  # dropped outside a batch: the run stops, the next one resumes
    finally:
        dropper.stop.set()
        dropper.join(10)
    assert dropper.dropped_at is not None, "the connection was not dropped during the run"

    output, _report = run_import("--batch", "50", report_name="resumed.txt")
    assert "    failed: 0" in output
    assert ImportedNode.objects.count() == EXPECTED
    assert PressReleasePage.objects.count() == EXPECTED
    assert ImportedNode.objects.values("page_id").distinct().count() == EXPECTED
    # One /node/NID redirect per published node (node 7 is unpublished), none twice.
    node_paths = Redirect.objects.filter(old_path__startswith="/node/")
    assert node_paths.count() == EXPECTED - 1
    assert node_paths.values("old_path").distinct().count() == EXPECTED - 1
    # The two documents of the fixture, each once, each recorded.
    assert Document.objects.count() == 2
    assert set(ImportedFile.objects.exclude(document=None).values_list("document", flat=True)) == (
        set(Document.objects.values_list("pk", flat=True))
    )
    assert Page.find_problems() == ([], [], [], [], [])
    for index in Page.objects.filter(depth=3):
        assert index.numchild == index.get_children().count()
