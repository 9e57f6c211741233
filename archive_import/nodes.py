"""Drupal nodes as the importer reads them: text repaired, the batch's terms, aliases and files
attached, and a checksum that tells whether a node changed since it was imported."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .mojibake import repair

# Bump when the conversion changes so that a re-run rewrites every page.
CONVERTER_VERSION = 3


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
    co_publishers: list = field(default_factory=list)
    themes: list = field(default_factory=list)


def read_node(row, note):
    """A Node from a node row, its text repaired (each repair noted)."""
    row = dict(row)
    nid = int(row["nid"])
    for key in ("title", "body", "teaser"):
        fixed, changed = repair(row.get(key) or "")
        if changed:
            note(nid, "mojibake", f"{key} repaired")
        row[key] = fixed
    author, _changed = repair(row.get("author") or "")
    row["author"] = author
    return Node(row=row, nid=nid, title=row["title"].strip() or f"node/{nid}")


def attach_related(source, nodes):
    """Gives each node its terms, aliases, uploads and CCK files, in a few queries a batch."""
    vids = [n.row["vid"] for n in nodes]
    terms = source.terms_for(vids)
    aliases = source.aliases_for([n.nid for n in nodes])
    uploads = source.uploads_for(vids)
    cck = {}
    for node_type in {n.row["type"] for n in nodes}:
        cck.update(
            source.cck_files_for(
                node_type, [n.row["vid"] for n in nodes if n.row["type"] == node_type]
            )
        )
    for node in nodes:
        node.terms = terms.get(node.row["vid"], [])
        node.aliases = aliases.get(node.nid, [])
        node.uploads = uploads.get(node.row["vid"], [])
        node.cck_files = cck.get(node.row["vid"], [])
        node.checksum = checksum(node)


def checksum(node):
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
