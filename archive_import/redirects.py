"""The old public URLs of a node, and Wagtail redirects from them to the new page."""

from urllib.parse import quote

from django.utils import timezone
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect

from .nodes import to_datetime

MAX_PATH = 255


def stored_path(path):
    """The old path as Wagtail's RedirectMiddleware looks it up: percent-encoded ASCII for
    spaces and reserved characters, Unicode kept as Unicode (normalise_path decodes it)."""
    return Redirect.normalise_path(quote(path, safe="/:@!$&'()*+,;=-._~"))


def pressrelease_path(prefix, created, title):
    """Presscenter's own /nl/pressrelease/YYYYMMDD/slug URL of a release."""
    day = timezone.localtime(created).strftime("%Y%m%d")
    slug = slugify(title) or "node"
    return f"/{prefix}/pressrelease/{day}/{slug}" if prefix else f"/pressrelease/{day}/{slug}"


def alias_paths(dst, alias_language, prefixes, owners=None, src=""):
    """The URLs under which Drupal served an alias: under its language's prefix; a
    language-neutral alias also without a prefix and under every language prefix, except where
    a language-specific alias of the same path belongs to another node (it wins in Drupal)."""
    dst = dst.strip("/")
    if alias_language:
        prefix = prefixes.get(alias_language, "")
        return [f"/{prefix}/{dst}" if prefix else f"/{dst}"]
    paths = [f"/{dst}"]
    for language, prefix in prefixes.items():
        owner = (owners or {}).get((dst, language))
        if prefix and (owner is None or owner == src):
            paths.append(f"/{prefix}/{dst}")
    return paths


class RedirectWriter:
    """Collects the redirects of a batch and writes them at once. An old path already
    redirecting to another page keeps its target: the collision is reported."""

    def __init__(self, report):
        self.report = report
        self.wanted = {}  # path -> (page_id, nid)

    def add(self, nid, page_id, path):
        path = stored_path(path)
        if len(path) > MAX_PATH:
            self.report(nid, "alias_too_long", f"{path[:80]}… is longer than {MAX_PATH} characters")
            return
        taken = self.wanted.get(path)
        if taken and taken[0] != page_id:
            self.report(nid, "duplicate_alias", f"{path} already leads to node/{taken[1]}")
            return
        self.wanted[path] = (page_id, nid)

    def write(self, owners=None):
        """`owners`: {page_id: nid} of pages known to the import, to name the other node."""
        if not self.wanted:
            return 0
        existing = dict(
            Redirect.objects.filter(site=None, old_path__in=list(self.wanted)).values_list(
                "old_path", "redirect_page_id"
            )
        )
        new = []
        for path, (page_id, nid) in self.wanted.items():
            if path in existing:
                if existing[path] != page_id:
                    self.report(nid, "duplicate_alias", f"{path} already redirects elsewhere")
                continue
            new.append(
                Redirect(old_path=path, site=None, redirect_page_id=page_id, is_permanent=True)
            )
        Redirect.objects.bulk_create(new, batch_size=2000)
        self.wanted = {}
        return len(new)


def write_node_redirects(nodes, source, languages, note):
    """The redirects of a batch's nodes: /node/NID with and without the language prefix,
    each alias, and Presscenter's /pressrelease/ URL; none for an unpublished node."""
    writer = RedirectWriter(note)
    dsts = {dst for n in nodes for _pid, dst, _lang in n.aliases}
    owners = source.alias_owners(dsts)
    prefixes = source.languages
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
        prefix = node_prefix or languages.prefix_for_code(node.code)
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
