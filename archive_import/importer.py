"""The Presscenter import: Drupal 6 nodes into release pages, batch by batch.

Each batch of nodes is one transaction holding its pages, their redirects, the rows of their
files, their search index entries and their ImportedNode rows, so a killed run leaves whole
batches only; the next run skips what is there (same checksum) and carries on. A batch that
fails is retried node by node, so that one bad node fails alone.

The steps live beside this module: nodes (reading), translations (languages and translation
sets), taxonomy (publishers and themes), conversion and links (bodies into blocks), files,
pages (writing), redirects, records (ImportedNode rows) and report.
"""

from collections import Counter

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale

from releases.models import NewsIndexPage

from . import records
from .conversion import build_stream, convert_body
from .files import FileStore
from .links import LinkClassifier, batch_links
from .mapping import load_mapping
from .nodes import attach_related, read_node
from .pages import PageWriter, batch_transaction
from .redirects import write_node_redirects
from .report import Report
from .taxonomy import Taxonomy
from .translations import Languages


class Importer:
    def __init__(
        self,
        source,
        files_root=None,
        mapping=None,
        dry_run=False,
        since=None,
        limit=None,
        batch_size=500,
        progress=None,
        log=print,
        types=None,
    ):
        self.source = source
        self.mapping = mapping or load_mapping()
        self.dry_run = dry_run
        self.since = since
        self.limit = limit
        self.batch_size = max(1, batch_size)
        self.progress = progress
        self.log = log
        self.report = Report()
        file_dir = source.variables.get("file_directory_path") or "sites/default/files"
        self.files = FileStore(files_root, self.report.add, dry_run, file_dir)
        # The content types imported (content_types.select chooses them); none: every type.
        self.types = (types if types is not None else self.mapping["node_types"]) or None
        locales = {loc.language_code: loc for loc in Locale.objects.all()}
        parents = {}
        for page in NewsIndexPage.objects.select_related("locale").order_by("path"):
            parents.setdefault(page.locale.language_code, page)
        missing = set(settings.LANGUAGE_CODES) - set(parents)
        if missing:
            raise ValueError(
                f"No news listing for {', '.join(sorted(missing))}: run `manage.py setup` "
                "(after migrate) first."
            )
        self.languages = Languages(source, locales)
        self.taxonomy = Taxonomy(source, self.mapping, locales)
        self.pages = PageWriter(parents, self.languages, self.taxonomy)
        self.classifier = LinkClassifier(
            {host.lower() for host in self.mapping["site_hosts"]},
            {p: code for code, p in source.languages.items() if p},
        )

    # -- the run ------------------------------------------------------------------------------

    def run(self):
        if self.dry_run:
            # Everything happens, then nothing stays: the report says what a real run would do.
            with transaction.atomic():
                self._run()
                transaction.set_rollback(True)
        else:
            self._run()
        return self.report

    def _run(self):
        read = 0
        complete = self.since is None and self.limit is None
        seen = set()
        # Every node is read, so that nodes of other types are counted as skipped, not lost.
        for rows in self.source.stream_nodes(None, self.since, 0, self.batch_size):
            if self.limit is not None:
                rows = rows[: max(self.limit - read, 0)]
                if not rows:
                    break
            read += len(rows)
            if complete:
                seen.update(int(row["nid"]) for row in rows)
            self._batch_or_one_by_one(rows)
            if self.progress:
                self.progress.advance(len(rows))
            if self.limit is not None and read >= self.limit:
                break
        self._resolve_pending_links()
        if complete:
            records.report_deleted(self.report, seen)
        if not self.dry_run:
            self.pages.finish_index()

    def _batch_or_one_by_one(self, rows):
        try:
            with batch_transaction():
                counts = self._batch(rows)
        except Exception as error:  # noqa: BLE001 - one bad node must not stop the archive
            self._forget()
            self.report.add(
                None,
                "batch_retried",
                f"nodes {rows[0]['nid']}-{rows[-1]['nid']} retried one by one after "
                f"{type(error).__name__}: {error}",
            )
            counts = Counter()
            for row in rows:
                try:
                    with batch_transaction():
                        counts += self._batch([row])
                except Exception as error:  # noqa: BLE001
                    self._forget()
                    counts["failed"] += 1
                    self.report.add(row["nid"], "failed", f"{type(error).__name__}: {error}")
        self.report.counts.update(counts)

    def _forget(self):
        """After a rolled-back batch: rows it created (files, publishers, themes) are gone."""
        self.files.forget()
        self.taxonomy.forget()

    def _is_imported_type(self, node):
        return not self.types or node.row["type"] in self.types

    # -- one batch ----------------------------------------------------------------------------

    def _batch(self, rows, force=False):
        """Imports a list of node rows; `force` rewrites them even when unchanged (the second
        pass over bodies whose links pointed ahead) and reports only what is still open."""
        counts = Counter()
        problems, skipped = [], []

        def note(nid, code, detail=""):
            problems.append((nid, code, detail))

        nodes = [read_node(row, note) for row in rows]
        existing = records.existing_records([n.nid for n in nodes])
        attach_related(self.source, nodes)
        work = []
        for node in nodes:
            if not self._is_imported_type(node):
                counts["skipped"] += 1
                skipped.append((node.nid, "skipped_type", node.row["type"]))
                continue
            node.existing = existing.get(node.nid)
            if node.existing and node.existing.checksum == node.checksum and not force:
                counts["unchanged"] += 1
                continue
            work.append(node)
        if not work:
            if not force:
                for problem in skipped:
                    self.report.add(*problem)
            return counts
        # Only the problems of nodes actually written are reported (an unchanged node was
        # reported when it was imported).
        work_nids = {n.nid for n in work}
        self.files.preload(
            [f["fid"] for n in work for f in n.uploads]
            + [f["fid"] for n in work for f in n.cck_files]
        )
        for node in work:
            node.code = self.languages.locale_code(node, note)
            convert_body(node, self.source, note)
        links = batch_links(work, self.classifier, self.source, self.files, self._is_imported_type)
        for node in work:
            build_stream(node, links, self.classifier, self.files, note)
        created = [n for n in work if n.existing is None]
        updated = [n for n in work if n.existing is not None]
        self.pages.create(created, note)
        self.pages.update(updated, note)
        write_node_redirects(work, self.source, self.languages, note)
        records.write_records(created, updated, problems)
        if force:
            for node in work:
                if node.pending_links:
                    self.report.add(node.nid, "unresolved_link", "links to a node not imported")
            return Counter()
        counts["created"] += len(created)
        counts["updated"] += len(updated)
        for problem in skipped:
            self.report.add(*problem)
        for problem in problems:
            if problem[0] in work_nids:
                self.report.add(*problem)
        return counts

    # -- after the batches --------------------------------------------------------------------

    def _resolve_pending_links(self):
        """Bodies that linked to nodes imported later in the run are written again now that
        those pages exist. Links still unresolved stay as /node/NID, which redirects once that
        node is imported."""
        pending = records.pending_link_nids()
        for start in range(0, len(pending), self.batch_size):
            nids = pending[start : start + self.batch_size]
            with batch_transaction():
                self._batch(self.source.nodes_by_nid(nids), force=True)
                records.links_resolved(nids)
