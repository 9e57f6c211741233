"""The Presscenter import: Drupal 6 nodes into release pages, batch by batch.

Each batch of nodes is one transaction holding its pages, their redirects, the rows of their
files, their search index entries and their ImportedNode rows, so a killed run leaves whole
batches only; the next run skips what is there (same checksum) and carries on. New pages are
inserted in bulk (materialised paths computed here, as releases.demo.bulk does); changed ones
are saved through the ORM.
"""

import hashlib
import json
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import slugify
from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backends

from directory.models import Publisher
from releases.bulk import (
    Parent,
    deferred_indexing,
    index_releases,
    insert_page_rows,
    insert_reference_rows,
    insert_release_links,
    insert_release_rows,
    update_child_counts,
)
from releases.models import NewsIndexPage, PressReleasePage, Theme

from . import bodies
from .files import FileStore, original_path
from .models import ImportedNode
from .mojibake import repair
from .redirects import RedirectWriter, alias_paths, pressrelease_path

# Bump when the conversion changes so that a re-run rewrites every page.
CONVERTER_VERSION = 2
NAMESPACE = uuid.UUID("6f1d3c2e-5a0b-4d8e-9c47-2b8e1f0a7d13")
DEFAULT_MAPPING = Path(__file__).parent / "mappings" / "presscenter.json"
FALLBACK_PUBLISHER_SLUG = "presscenter-archive"
BATCH_LINK = re.compile(r'linktype="page" id="-(\d+)"')

PROBLEM_LABELS = {
    "missing_file": "missing file",
    "bad_image": "unreadable image",
    "mojibake": "mojibake repaired",
    "unknown_format": "unknown format",
    "duplicate_alias": "duplicate alias",
    "alias_too_long": "alias too long",
    "php_body": "PHP body imported as text",
    "broken_html": "broken HTML",
    "unsafe_html": "unsafe HTML removed",
    "language_neutral": "language-neutral node",
    "unknown_language": "unknown language",
    "translation_conflict": "translation conflict",
    "unknown_publisher": "unknown publisher term, created",
    "unknown_theme": "unknown theme term, created",
    "no_publisher": "no publisher, fallback used",
    "unresolved_link": "unresolved link",
    "unpublished_link": "link to an unpublished node",
    "unresolved_image": "unresolved inline image",
    "bad_file_data": "unreadable CCK file data",
    "skipped_type": "content type not imported",
    "language_changed": "language changed, page not moved",
    "failed": "failed",
    "deleted": "deleted in Drupal",
    "batch_retried": "batch retried node by node",
}


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)
    problems: list = field(default_factory=list)  # (nid, code, detail)

    def add(self, nid, code, detail=""):
        self.problems.append((nid, code, detail))

    def text(self, header=""):
        lines = [header] if header else []
        for key in ("created", "updated", "unchanged", "skipped", "failed"):
            lines.append(f"{key:>10}: {self.counts.get(key, 0)}")
        by_code = Counter(code for _nid, code, _d in self.problems)
        lines.append(f"  problems: {len(self.problems)}")
        for code, count in sorted(by_code.items()):
            lines.append(f"    {PROBLEM_LABELS.get(code, code)}: {count}")
        lines.append("")
        for nid, code, detail in sorted(self.problems, key=lambda p: (p[0] or 0, p[1])):
            where = f"node/{nid}" if nid else "-"
            lines.append(f"{where}\t{PROBLEM_LABELS.get(code, code)}\t{detail}")
        return "\n".join(lines) + "\n"


def load_mapping(path=None):
    with open(path or DEFAULT_MAPPING, encoding="utf-8") as handle:
        mapping = json.load(handle)
    mapping.setdefault("node_types", [])
    mapping.setdefault("publisher_vocabularies", [])
    mapping.setdefault("theme_vocabularies", [])
    mapping.setdefault("site_hosts", [])
    mapping.setdefault("publishers", {})
    mapping.setdefault("themes", {})
    return mapping


def translation_key(tnid, nid):
    """The key of a translation set: the set's tnid, or the node's own nid for a node outside
    any set, so that a node keeps its key when Drupal later makes it the source of a set."""
    return uuid.uuid5(NAMESPACE, f"tnid:{int(tnid or 0) or nid}")


def to_datetime(timestamp):
    return datetime.fromtimestamp(int(timestamp or 0), tz=UTC)


@dataclass
class Node:
    """One Drupal node as the importer sees it, text already repaired."""

    row: dict
    nid: int
    code: str = ""
    checksum: str = ""
    terms: list = field(default_factory=list)
    aliases: list = field(default_factory=list)
    uploads: list = field(default_factory=list)
    cck_files: list = field(default_factory=list)
    parsed: object = None
    lead: str = ""
    title: str = ""
    existing: object = None  # ImportedNode
    page: object = None
    pending_links: bool = False
    batch_links: bool = False
    stream: list = field(default_factory=list)
    texts: list = field(default_factory=list)


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
        self.types = self.mapping["node_types"] or None
        vocab_names = {name.casefold() for name in self.mapping["publisher_vocabularies"]}
        theme_names = {name.casefold() for name in self.mapping["theme_vocabularies"]}
        self.publisher_vocabularies = {
            vid for vid, name in source.vocabularies.items() if name.casefold() in vocab_names
        }
        self.theme_vocabularies = {
            vid for vid, name in source.vocabularies.items() if name.casefold() in theme_names
        }
        self.hosts = {host.lower() for host in self.mapping["site_hosts"]}
        self.prefix_languages = {p: code for code, p in source.languages.items() if p}
        self.locales = {loc.language_code: loc for loc in Locale.objects.all()}
        self.parents = {}
        for page in NewsIndexPage.objects.select_related("locale").order_by("path"):
            self.parents.setdefault(page.locale.language_code, page)
        missing = set(settings.LANGUAGE_CODES) - set(self.parents)
        if missing:
            raise ValueError(
                f"No news listing for {', '.join(sorted(missing))}: run ensure_site_structure "
                "(or migrate and seed_demo) first."
            )
        self.url_paths = {page.path: page.url_path for page in self.parents.values()}
        self.content_type = ContentType.objects.get_for_model(PressReleasePage)
        self.backends = list(get_search_backends(with_auto_update=True))
        self.publisher_cache = {}
        self.theme_cache = {}
        self._fallback_publisher = None

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
            self._report_deleted(seen)
        if not self.dry_run:
            self._finish_index()

    def _report_deleted(self, seen):
        """Imported nodes Drupal no longer has: reported, their pages left for an editor to
        decide (a node deleted by mistake, or a partial dump, must not unpublish a release)."""
        for nid, page_id in ImportedNode.objects.order_by("nid").values_list("nid", "page_id"):
            if nid not in seen:
                self.report.add(nid, "deleted", f"page {page_id} left as it is")

    def _batch_or_one_by_one(self, rows):
        try:
            with transaction.atomic(), deferred_indexing():
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
                    with transaction.atomic(), deferred_indexing():
                        counts += self._batch([row])
                except Exception as error:  # noqa: BLE001
                    self._forget()
                    counts["failed"] += 1
                    self.report.add(row["nid"], "failed", f"{type(error).__name__}: {error}")
        self.report.counts.update(counts)

    def _forget(self):
        """After a rolled-back batch: rows it created (files, publishers, themes) are gone."""
        self.files.forget()
        self.publisher_cache.clear()
        self.theme_cache.clear()
        self._fallback_publisher = None

    # -- one batch ----------------------------------------------------------------------------

    def _batch(self, rows, force=False):
        """Imports a list of node rows; `force` rewrites them even when unchanged (the second
        pass over bodies whose links pointed ahead) and reports only what is still open."""
        counts = Counter()
        problems, skipped = [], []

        def note(nid, code, detail=""):
            problems.append((nid, code, detail))

        nodes = [self._node(row, note) for row in rows]
        existing = {
            imported.nid: imported
            for imported in ImportedNode.objects.filter(nid__in=[n.nid for n in nodes])
        }
        vids = [n.row["vid"] for n in nodes]
        terms = self.source.terms_for(vids)
        aliases = self.source.aliases_for([n.nid for n in nodes])
        uploads = self.source.uploads_for(vids)
        cck = {}
        for node_type in {n.row["type"] for n in nodes}:
            cck.update(
                self.source.cck_files_for(
                    node_type, [n.row["vid"] for n in nodes if n.row["type"] == node_type]
                )
            )
        work = []
        for node in nodes:
            if self.types and node.row["type"] not in self.types:
                counts["skipped"] += 1
                skipped.append((node.nid, "skipped_type", node.row["type"]))
                continue
            node.terms = terms.get(node.row["vid"], [])
            node.aliases = aliases.get(node.nid, [])
            node.uploads = uploads.get(node.row["vid"], [])
            node.cck_files = cck.get(node.row["vid"], [])
            node.checksum = self._checksum(node)
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
            self._convert(node, note)
        links = self._link_resolver(work, note)
        for node in work:
            self._body(node, links, note)
        created = [n for n in work if n.existing is None]
        updated = [n for n in work if n.existing is not None]
        self._create_pages(created, note)
        if updated:
            keys = self._set_keys(updated)
            for node in updated:
                self._update_page(node, keys[node.nid], note)
        self._write_redirects(work, note)
        self._write_imported(created, updated, problems)
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

    def _record_fields(self, n, problems):
        """What an ImportedNode row says about node `n` after this run."""
        return {
            "vid": n.row["vid"],
            "tnid": n.row["tnid"] or 0,
            "language": n.row["language"] or "",
            "author": (n.row["author"] or "")[:255],
            "checksum": n.checksum,
            "links_pending": n.pending_links,
            "problems": self._problems_of(problems, n.nid),
        }

    @staticmethod
    def _problems_of(problems, nid):
        return [[code, detail] for pnid, code, detail in problems if pnid == nid]

    def _node(self, row, note):
        row = dict(row)
        nid = int(row["nid"])
        for key in ("title", "body", "teaser"):
            fixed, changed = repair(row.get(key) or "")
            if changed:
                note(nid, "mojibake", f"{key} repaired")
            row[key] = fixed
        author, changed = repair(row.get("author") or "")
        row["author"] = author
        return Node(row=row, nid=nid, title=row["title"].strip() or f"node/{nid}")

    def _checksum(self, node):
        row = node.row
        data = {
            "v": CONVERTER_VERSION,
            "node": [
                row["vid"], row["type"], row["language"], row["title"], row["status"],
                row["created"], row["changed"], row["tnid"], row["body"], row["teaser"],
                row["format"], row["author"],
            ],
            "terms": [t.tid for t in node.terms],
            "aliases": node.aliases,
            "uploads": [
                [u["fid"], u["description"], u["list"], u["weight"], u["filepath"]]
                for u in node.uploads
            ],
            "cck": [[c["fid"], c["list"], c["filepath"], c["data"]] for c in node.cck_files],
        }  # fmt: skip
        encoded = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(encoded.encode("utf-8")).hexdigest()

    # -- conversion ---------------------------------------------------------------------------

    def _code_for(self, language):
        """The site locale of a Drupal language code, or None."""
        language = (language or "").strip()
        if language in self.locales:
            return language
        base = language.split("-")[0].lower()
        return base if base in self.locales else None

    @property
    def default_code(self):
        """Where language-neutral nodes go: Drupal's default language (the language they were
        shown in), else the site's."""
        return self._code_for(self.source.default_language) or settings.LANGUAGE_CODE

    def _locale_code(self, node, note):
        language = (node.row["language"] or "").strip()
        if not language:
            note(node.nid, "language_neutral", f"imported in {self.default_code}")
            return self.default_code
        code = self._code_for(language)
        if code:
            return code
        note(node.nid, "unknown_language", f"{language!r}: imported in {self.default_code}")
        return self.default_code

    def _set_keys(self, nodes):
        """{nid: translation key} for the nodes of a batch. In a translation set with two
        nodes of one language, the set's source node (nid = tnid) is that language's version;
        the other gets a key of its own (None here: decided against the pages that exist)."""
        tnids = {int(n.row["tnid"] or 0) for n in nodes} - {0}
        source_codes = {
            nid: self._code_for(language) or self.default_code
            for nid, language in self.source.languages_of(tnids).items()
        }
        keys = {}
        for node in nodes:
            tnid = int(node.row["tnid"] or 0)
            if tnid and tnid != node.nid and source_codes.get(tnid) == node.code:
                keys[node.nid] = None
            else:
                keys[node.nid] = translation_key(tnid, node.nid)
        return keys

    def _convert(self, node, note):
        row = node.row
        node.code = self._locale_code(node, note)
        fmt = self.source.format_for(row["format"])
        kind = fmt.kind
        if kind == "php":
            note(node.nid, "php_body", f"format {fmt.id} ({fmt.name}) runs PHP: shown as text")
        elif kind == "unknown":
            note(node.nid, "unknown_format", f"format {fmt.id} does not exist: read as HTML")
            kind = "html"
        node.parsed = bodies.parse(bodies.prepare(row["body"], kind))
        for code, detail in node.parsed.problems:
            note(node.nid, code, detail)
        teaser = row["teaser"] or ""
        lead = bodies.plain_text(bodies.prepare(teaser, kind)) if teaser.strip() else ""
        lead = lead or node.parsed.first_paragraph_text() or node.title
        node.lead = bodies.shorten(lead)

    # -- links and images ---------------------------------------------------------------------

    def _classify(self, href):
        """("node", nid) | ("file", filepath) | ("alias", dst, language) | ("keep", href)."""
        parsed = urlparse(href)
        host = (parsed.hostname or "").lower()
        if parsed.scheme and parsed.scheme not in ("http", "https"):
            return ("keep", href)
        if host and host not in self.hosts:
            return ("keep", href)
        path = unquote(parsed.path or "")
        if path in ("", "/", "/index.php") and parsed.query:
            path = parse_qs(parsed.query).get("q", [""])[0]
        path = path.strip("/")
        if not path:
            return ("keep", href)
        language = ""
        head, _sep, rest = path.partition("/")
        if head in self.prefix_languages and rest:
            language, path = self.prefix_languages[head], rest
        if match := re.fullmatch(r"node/(\d+)", path):
            return ("node", int(match.group(1)))
        if re.search(r"(^|/)files/", path) and "." in path.rsplit("/", 1)[-1]:
            return ("file", original_path(path))
        if host or href.startswith("/"):
            return ("alias", path, language)
        return ("keep", href)

    def _link_resolver(self, nodes, note):
        """Resolves every link and inline image of the batch's bodies with a few queries."""
        hrefs = {href for n in nodes for href in n.parsed.hrefs}
        srcs = {src for n in nodes for src in n.parsed.images}
        kinds = {href: self._classify(href) for href in hrefs | srcs}
        dsts = {k[1] for k in kinds.values() if k[0] == "alias"}
        alias_src = self.source.nids_for_aliases(dsts)
        nids = {k[1] for k in kinds.values() if k[0] == "node"}
        nids |= {
            int(src.split("/", 1)[1])
            for src in alias_src.values()
            if re.fullmatch(r"node/\d+", src)
        }
        pages, hidden = {}, set()
        for nid, page_id, live in ImportedNode.objects.filter(nid__in=nids).values_list(
            "nid", "page_id", "page__live"
        ):
            if live:
                pages[nid] = page_id
            else:
                hidden.add(nid)
        paths = {k[1] for k in kinds.values() if k[0] == "file"}
        file_rows = self.source.files_by_path(paths)
        self.files.preload([row["fid"] for row in file_rows.values()])
        batch = {n.nid for n in nodes if n.existing is None and not self._skipped_type(n)}
        hidden |= {n.nid for n in nodes if int(n.row["status"]) != 1}
        batch -= hidden
        for nid in hidden:
            pages.pop(nid, None)
        return {
            "kinds": kinds,
            "alias_src": alias_src,
            "pages": pages,
            "hidden": hidden,
            "files": file_rows,
            "batch": batch,
        }

    def _skipped_type(self, node):
        return bool(self.types) and node.row["type"] not in self.types

    def _body(self, node, links, note):
        kinds, pages, file_rows = links["kinds"], links["pages"], links["files"]

        def node_target(nid, href):
            if nid in links["hidden"]:
                # A page link would print the unpublished page's URL (its slug is its title)
                # in a public body; /node/NID redirects once that node is published.
                note(node.nid, "unpublished_link", f"node/{nid}")
                return {"href": f"/node/{nid}"}
            page_id = pages.get(nid)
            if page_id:
                return {"linktype": "page", "id": page_id}
            if nid in links["batch"]:
                # Created in this batch: its id is known once the page rows are inserted.
                node.batch_links = True
                return {"linktype": "page", "id": -nid}
            node.pending_links = True
            return {"href": f"/node/{nid}"}

        def resolve_href(href):
            kind = kinds.get(href) or self._classify(href)
            if kind[0] == "node":
                return node_target(kind[1], href)
            if kind[0] == "alias":
                src = links["alias_src"].get(kind[1])
                if src and re.fullmatch(r"node/\d+", src):
                    return node_target(int(src.split("/", 1)[1]), href)
                note(node.nid, "unresolved_link", f"{href}: no such alias, link kept as is")
                return {"href": href}
            if kind[0] == "file":
                row = file_rows.get(kind[1])
                if row is None:
                    note(node.nid, "missing_file", f"link to {href}: not in the files table")
                    return None
                document_id = self.files.get(node.nid, row, as_image=False)
                return {"linktype": "document", "id": document_id} if document_id else None
            return {"href": href}

        def resolve_image(src):
            kind = kinds.get(src) or self._classify(src)
            if kind[0] != "file":
                note(node.nid, "unresolved_image", f"{src}: not a file of the site, dropped")
                return None
            row = file_rows.get(kind[1])
            if row is None:
                note(node.nid, "missing_file", f"image {src}: not in the files table")
                return None
            image_id = self.files.get(node.nid, row, as_image=True, title=node.title)
            return (image_id, "") if image_id else None

        stream, texts = bodies.to_stream(node.parsed, resolve_href, resolve_image, node.title)
        for item in node.cck_files:
            if item.get("data_error"):
                note(node.nid, "bad_file_data", f"fid {item['fid']}: {item['data_error']}")
            elif item.get("data_repaired"):
                note(node.nid, "mojibake", f"fid {item['fid']} data repaired")
            data = item["data"] if isinstance(item["data"], dict) else {}
            if not item["is_image"] or item.get("list") == 0:
                continue
            alt, _c = repair(str(data.get("alt") or ""))
            caption, _c = repair(str(data.get("title") or data.get("description") or ""))
            image_id = self.files.get(node.nid, item, as_image=True, title=caption, alt=alt)
            if image_id:
                stream.append(
                    bodies.block(
                        "image",
                        {
                            "image": {"image": image_id, "decorative": not alt, "alt_text": alt},
                            "caption": caption[:500],
                            "credit": "",
                        },
                    )
                )
        attachments = [u for u in node.uploads] + [c for c in node.cck_files if not c["is_image"]]
        for item in attachments:
            description = item.get("description") or ""
            if not description and isinstance(item.get("data"), dict):
                description = str(item["data"].get("description") or "")
            description, _c = repair(description)
            filename, _c = repair(item.get("filename") or "")
            document_id = self.files.get(
                node.nid, item, as_image=False, title=description or filename
            )
            if document_id and item.get("list") != 0:
                stream.append(
                    bodies.block("attachment", {"document": document_id, "title": description})
                )
        node.stream = stream
        node.texts = texts

    # -- publishers and themes ----------------------------------------------------------------

    def _group(self, term):
        """The term and its translations (i18ntaxonomy's trid)."""
        if not term.trid:
            return [term]
        return sorted(
            (t for t in self.source.terms.values() if t.trid == term.trid), key=lambda t: t.tid
        )

    def _names(self, term):
        group = self._group(term)
        by_language = {t.language: repair(t.name)[0].strip() for t in group if t.language}
        canonical = by_language.get(settings.LANGUAGE_CODE) or repair(group[0].name)[0].strip()
        return canonical, by_language

    def _mapped(self, kind, term):
        """The mapping file's slug for a term or one of its translations, by name as stored
        or as repaired (a name that went through latin1 would otherwise not match)."""
        known = self.mapping[kind]
        for t in self._group(term):
            for name in (t.name, repair(t.name)[0].strip()):
                if name in known:
                    return known[name]
        return None

    def _term_record(self, kind, model, cache, term, nid, note, slug_for, fields_for):
        """The publisher or theme (`kind`) a taxonomy term stands for: the one the mapping file
        names, else one made from the term's translated names, reported once per term."""
        key = term.trid or -term.tid
        if key in cache:
            return cache[key]
        slug = self._mapped(f"{kind}s", term)
        record = model.objects.filter(slug=slug).first() if slug else None
        if record is None:
            canonical, names = self._names(term)
            slug = slug_for(canonical)
            record = model.objects.filter(slug=slug).first()
            if record is None:
                record = model.objects.create(slug=slug, **fields_for(canonical, names))
            note(nid, f"unknown_{kind}", f"term {term.tid} {canonical!r} → {kind} {slug}")
        cache[key] = record.pk
        return record.pk

    def _publisher(self, term, nid, note):
        return self._term_record(
            "publisher",
            Publisher,
            self.publisher_cache,
            term,
            nid,
            note,
            lambda canonical: f"presscenter-{slugify(canonical)[:100] or term.tid}",
            lambda canonical, names: {
                "kind": Publisher.Kind.ORGANISATION,
                "name": canonical[:255],
                **{f"name_{code}": name[:255] for code, name in names.items()
                   if code in self.locales},
            },
        )  # fmt: skip

    def _theme(self, term, nid, note):
        return self._term_record(
            "theme",
            Theme,
            self.theme_cache,
            term,
            nid,
            note,
            lambda canonical: slugify(canonical)[:80] or f"theme-{term.tid}",
            lambda canonical, names: {
                f"name_{code}": (names.get(code) or canonical)[:120]
                for code in ("fr", "nl", "de", "en")
            },
        )

    def _fallback(self):
        if self._fallback_publisher is None:
            publisher = Publisher.objects.filter(slug=FALLBACK_PUBLISHER_SLUG).first()
            if publisher is None:
                publisher = Publisher.objects.create(
                    kind=Publisher.Kind.ORGANISATION,
                    slug=FALLBACK_PUBLISHER_SLUG,
                    name="Presscenter archive",
                    is_active=False,
                )
            self._fallback_publisher = publisher.pk
        return self._fallback_publisher

    def _taxonomy(self, node, note):
        publishers, themes = [], []
        for term in sorted(node.terms, key=lambda t: (t.weight, t.tid)):
            if term.vocabulary in self.publisher_vocabularies:
                pk = self._publisher(term, node.nid, note)
                if pk not in publishers:
                    publishers.append(pk)
            elif term.vocabulary in self.theme_vocabularies:
                pk = self._theme(term, node.nid, note)
                if pk not in themes:
                    themes.append(pk)
        if not publishers:
            note(node.nid, "no_publisher", "no publisher term: Presscenter archive")
            publishers = [self._fallback()]
        return publishers[0], publishers[1:], themes

    # -- pages --------------------------------------------------------------------------------

    def _page_fields(self, node, note):
        row = node.row
        publisher_id, co_publishers, themes = self._taxonomy(node, note)
        live = int(row["status"]) == 1
        created, changed = to_datetime(row["created"]), to_datetime(row["changed"])
        node.co_publishers, node.themes = co_publishers, themes
        return {
            "title": node.title[:255],
            "draft_title": node.title[:255],
            "seo_title": "",
            "published_at": created,
            "publisher_id": publisher_id,
            "lead": node.lead,
            "body": node.stream,
            "live": live,
            "has_unpublished_changes": not live,
            "first_published_at": created if live else None,
            "last_published_at": max(changed, created) if live else None,
        }

    def _lock_parents(self):
        list(
            Page.objects.select_for_update()
            .filter(pk__in=[p.pk for p in self.parents.values()])
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        return {code: Parent.load(page) for code, page in self.parents.items()}

    def _create_pages(self, nodes, note):
        if not nodes:
            return
        parents = self._lock_parents()
        # Translation sets: one page per language and key; a second node of the same language
        # in a set keeps a key of its own (reported).
        keys = self._set_keys(nodes)
        taken = set(
            Page.objects.filter(translation_key__in=set(keys.values()) - {None}).values_list(
                "translation_key", "locale_id"
            )
        )
        slugs_wanted = {}
        for node in nodes:
            base = slugify(node.title)[:70].strip("-") or "node"
            slugs_wanted[node.nid] = base
        # Slugs already taken under the listings (url_path has no index; slug has one).
        depth = next(iter(parents.values())).page.depth + 1
        used_urls = {
            f"{self.url_paths[path[: -Page.steplen]]}{slug}/"
            for path, slug in Page.objects.filter(
                slug__in=set(slugs_wanted.values()), depth=depth
            ).values_list("path", "slug")
            if path[: -Page.steplen] in self.url_paths
        }
        pages = []
        for node in nodes:
            parent = parents[node.code]
            locale_id = parent.page.locale_id
            key = keys[node.nid]
            if key is None or (key, locale_id) in taken:
                note(
                    node.nid,
                    "translation_conflict",
                    f"translation set {node.row['tnid']} already has a {node.code} version",
                )
                key = translation_key(0, node.nid)
            taken.add((key, locale_id))
            slug = slugs_wanted[node.nid]
            url_path = f"{parent.page.url_path}{slug}/"
            if url_path in used_urls:
                slug = f"{slug}-{node.nid}"
                url_path = f"{parent.page.url_path}{slug}/"
            used_urls.add(url_path)
            fields = self._page_fields(node, note)
            page = PressReleasePage(
                **fields,
                slug=slug,
                content_type=self.content_type,
                locale_id=locale_id,
                translation_key=key,
                path=parent.child_path(),
                depth=parent.page.depth + 1,
                numchild=0,
                url_path=url_path,
            )
            page._bulk_paragraphs = [node.lead, *node.texts]
            node.page = page
            pages.append(page)
        insert_page_rows(pages)
        new_ids = {n.nid: n.page.pk for n in nodes}
        for node in nodes:
            if node.batch_links:
                node.page.body = self._fill_batch_links(node.stream, new_ids)
        insert_release_rows(pages)
        insert_release_links(
            [(n.page.pk, theme) for n in nodes for theme in n.themes],
            [(n.page.pk, publisher) for n in nodes for publisher in n.co_publishers],
        )
        update_child_counts(parents.values())
        index_releases(self.backends, pages)
        insert_reference_rows(pages)

    @staticmethod
    def _fill_batch_links(stream, new_ids):
        """Links to pages of the same batch were written with -nid as id: put the page ids."""

        def fill(match):
            return f'linktype="page" id="{new_ids[int(match.group(1))]}"'

        for block in stream:
            if block["type"] == "paragraph" and 'id="-' in block["value"]:
                block["value"] = BATCH_LINK.sub(fill, block["value"])
        return stream

    def _update_page(self, node, key, note):
        page = PressReleasePage.objects.get(pk=node.existing.page_id)
        if page.locale.language_code != node.code:
            note(node.nid, "language_changed", f"now {node.code}; page stays in {page.locale}")
        # The node joined or left a translation set in Drupal: so does the page.
        wanted = key or translation_key(0, node.nid)
        if page.translation_key != wanted:
            if (
                key is None
                or Page.objects.filter(translation_key=wanted, locale_id=page.locale_id)
                .exclude(pk=page.pk)
                .exists()
            ):
                wanted = translation_key(0, node.nid)
                note(
                    node.nid,
                    "translation_conflict",
                    f"translation set {node.row['tnid']} already has a {node.code} version",
                )
            page.translation_key = wanted
        fields = self._page_fields(node, note)
        for name, value in fields.items():
            setattr(page, name, value)
        page.save()
        page.themes.set(node.themes)
        page.co_publishers.set(node.co_publishers)
        page.save(update_fields=[])  # commits the ParentalManyToMany values
        node.page = page

    def _write_redirects(self, nodes, note):
        writer = RedirectWriter(note)
        dsts = {dst for n in nodes for _pid, dst, _lang in n.aliases}
        owners = self.source.alias_owners(dsts)
        prefixes = self.source.languages
        hidden = [n.page.pk for n in nodes if int(n.row["status"]) != 1 and n.existing]
        if hidden:
            # Unpublished in Drupal since the last run: its old URLs must not lead to (and give
            # away the URL and title of) a page that is no longer public.
            Redirect.objects.filter(redirect_page_id__in=hidden).delete()
        for node in nodes:
            if int(node.row["status"]) != 1:
                # Drupal refused these URLs to the public: a redirect would give away the new
                # URL (and title) of an unpublished page. They come when the node is published.
                continue
            page_id = node.page.pk
            language = node.row["language"] or ""
            node_prefix = prefixes.get(language, "") if language else ""
            prefix = node_prefix or self._prefix_for_code(node.code)
            writer.add(node.nid, page_id, f"/node/{node.nid}")
            # Drupal's url() wrote /<prefix>/node/NID for a node without an alias.
            writer.add(node.nid, page_id, f"/{prefix}/node/{node.nid}")
            for _pid, dst, alias_language in node.aliases:
                owner = owners.get((dst, alias_language))
                if owner and owner != f"node/{node.nid}":
                    note(node.nid, "duplicate_alias", f"{dst!r} belongs to {owner} in Drupal")
                    continue
                for path in alias_paths(dst, alias_language, prefixes, owners, f"node/{node.nid}"):
                    writer.add(node.nid, page_id, path)
            writer.add(
                node.nid,
                page_id,
                pressrelease_path(prefix, to_datetime(node.row["created"]), node.title),
            )
        writer.write()

    def _prefix_for_code(self, code):
        for language, prefix in self.source.languages.items():
            if language == code and prefix:
                return prefix
        return code

    def _write_imported(self, created, updated, problems):
        ImportedNode.objects.bulk_create(
            [
                ImportedNode(nid=n.nid, page_id=n.page.pk, **self._record_fields(n, problems))
                for n in created
            ]
        )
        for n in updated:
            ImportedNode.objects.filter(pk=n.existing.pk).update(**self._record_fields(n, problems))

    # -- after the batches --------------------------------------------------------------------

    def _resolve_pending_links(self):
        """Bodies that linked to nodes imported later in the run are written again now that
        those pages exist. Links still unresolved stay as /node/NID, which redirects once that
        node is imported."""
        pending = list(
            ImportedNode.objects.filter(links_pending=True)
            .order_by("nid")
            .values_list("nid", flat=True)
        )
        for start in range(0, len(pending), self.batch_size):
            nids = pending[start : start + self.batch_size]
            with transaction.atomic(), deferred_indexing():
                self._batch(self.source.nodes_by_nid(nids), force=True)
                ImportedNode.objects.filter(nid__in=nids).update(links_pending=False)

    def _finish_index(self):
        for backend in self.backends:
            if isinstance(backend, PostgresSearchBackend):
                backend.get_index_for_model(PressReleasePage)._refresh_title_norms()
