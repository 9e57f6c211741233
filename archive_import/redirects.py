"""The old public URLs of a node, and Wagtail redirects from them to the new page."""

from urllib.parse import quote

from django.utils import timezone
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect

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
