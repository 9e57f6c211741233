"""Links and inline images of the bodies: old node URLs, aliases and files of the Drupal site
become page and document links (or stay /node/NID, which redirects once that node is imported);
other sites' links are kept as they are."""

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlparse

from .files import original_path
from .records import pages_of

NODE_PATH = re.compile(r"node/(\d+)")


class LinkClassifier:
    def __init__(self, hosts, prefix_languages):
        self.hosts = hosts  # the old site's host names, lower case
        self.prefix_languages = prefix_languages  # {URL prefix: Drupal language}

    def classify(self, href):
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
        if match := NODE_PATH.fullmatch(path):
            return ("node", int(match.group(1)))
        if re.search(r"(^|/)files/", path) and "." in path.rsplit("/", 1)[-1]:
            return ("file", original_path(path))
        if host or href.startswith("/"):
            return ("alias", path, language)
        return ("keep", href)


@dataclass
class BatchLinks:
    """What every link and inline image of a batch's bodies points to, read in a few queries."""

    kinds: dict = field(default_factory=dict)  # href -> classify()
    alias_src: dict = field(default_factory=dict)  # alias -> node/NID
    pages: dict = field(default_factory=dict)  # nid -> live page id
    hidden: set = field(default_factory=set)  # nids of unpublished nodes
    files: dict = field(default_factory=dict)  # filepath -> files row
    batch: set = field(default_factory=set)  # nids whose pages this batch creates


def batch_links(nodes, classifier, source, files, is_imported_type):
    hrefs = {href for n in nodes for href in n.parsed.hrefs}
    srcs = {src for n in nodes for src in n.parsed.images}
    kinds = {href: classifier.classify(href) for href in hrefs | srcs}
    dsts = {k[1] for k in kinds.values() if k[0] == "alias"}
    alias_src = source.nids_for_aliases(dsts)
    nids = {k[1] for k in kinds.values() if k[0] == "node"}
    nids |= {int(src.split("/", 1)[1]) for src in alias_src.values() if NODE_PATH.fullmatch(src)}
    pages, hidden = pages_of(nids)
    paths = {k[1] for k in kinds.values() if k[0] == "file"}
    file_rows = source.files_by_path(paths)
    files.preload([row["fid"] for row in file_rows.values()])
    batch = {n.nid for n in nodes if n.existing is None and is_imported_type(n)}
    hidden |= {n.nid for n in nodes if int(n.row["status"]) != 1}
    batch -= hidden
    for nid in hidden:
        pages.pop(nid, None)
    return BatchLinks(kinds, alias_src, pages, hidden, file_rows, batch)


class NodeLinks:
    """The resolvers rich_text.to_stream() asks, for one node's body."""

    def __init__(self, node, links, classifier, files, note):
        self.node, self.links, self.classifier = node, links, classifier
        self.files, self.note = files, note

    def _kind(self, href):
        return self.links.kinds.get(href) or self.classifier.classify(href)

    def _node_target(self, nid):
        node = self.node
        if nid in self.links.hidden:
            # A page link would print the unpublished page's URL (its slug is its title)
            # in a public body; /node/NID redirects once that node is published.
            self.note(node.nid, "unpublished_link", f"node/{nid}")
            return {"href": f"/node/{nid}"}
        page_id = self.links.pages.get(nid)
        if page_id:
            return {"linktype": "page", "id": page_id}
        if nid in self.links.batch:
            # Created in this batch: its id is known once the page rows are inserted.
            node.batch_links = True
            return {"linktype": "page", "id": -nid}
        node.pending_links = True
        return {"href": f"/node/{nid}"}

    def href(self, href):
        kind = self._kind(href)
        if kind[0] == "node":
            return self._node_target(kind[1])
        if kind[0] == "alias":
            src = self.links.alias_src.get(kind[1])
            if src and NODE_PATH.fullmatch(src):
                return self._node_target(int(src.split("/", 1)[1]))
            self.note(self.node.nid, "unresolved_link", f"{href}: no such alias, link kept as is")
            return {"href": href}
        if kind[0] == "file":
            row = self.links.files.get(kind[1])
            if row is None:
                self.note(self.node.nid, "missing_file", f"link to {href}: not in the files table")
                return None
            document_id = self.files.get(self.node.nid, row, as_image=False)
            return {"linktype": "document", "id": document_id} if document_id else None
        return {"href": href}

    def image(self, src):
        kind = self._kind(src)
        if kind[0] != "file":
            self.note(self.node.nid, "unresolved_image", f"{src}: not a file of the site, dropped")
            return None
        row = self.links.files.get(kind[1])
        if row is None:
            self.note(self.node.nid, "missing_file", f"image {src}: not in the files table")
            return None
        image_id = self.files.get(self.node.nid, row, as_image=True, title=self.node.title)
        return (image_id, "") if image_id else None
