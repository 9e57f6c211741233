"""Release pages for nodes: new ones inserted in bulk under the news listing of their language
(materialised paths computed here, as the bulk writers of the demo loader do), changed ones saved
through the ORM; translation keys, slugs and the search index with them."""

import re
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from releases.bulk import (
    Parent,
    deferred_indexing,
    finish_bulk_load,
    index_releases,
    insert_page_rows,
    insert_reference_rows,
    insert_release_rows,
    update_child_counts,
)
from releases.models import PressReleasePage

from .nodes import to_datetime
from .translations import translation_key

BATCH_LINK = re.compile(r'linktype="page" id="-(\d+)"')


@contextmanager
def batch_transaction():
    """One transaction for a batch, its search and reference indexing written once at the end."""
    with transaction.atomic(), deferred_indexing():
        yield


class PageWriter:
    def __init__(self, parents, languages, taxonomy):
        self.parents = parents  # {language code: NewsIndexPage}
        self.url_paths = {page.path: page.url_path for page in parents.values()}
        self.languages = languages
        self.taxonomy = taxonomy
        self.content_type = ContentType.objects.get_for_model(PressReleasePage)
        self.backends = list(get_search_backends(with_auto_update=True))

    def fields(self, node, note):
        """The page fields of a node (its publishers and themes set on the node too)."""
        row = node.row
        publisher_id, co_publishers, themes = self.taxonomy.of_node(node, note)
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

    def create(self, nodes, note):
        if not nodes:
            return
        parents = self._lock_parents()
        # Translation sets: one page per language and key; a second node of the same language
        # in a set keeps a key of its own (reported).
        keys = self.languages.set_keys(nodes)
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
            if parent.child_url_path(slug) in used_urls:
                slug = f"{slug}-{node.nid}"
            used_urls.add(parent.child_url_path(slug))
            fields = self.fields(node, note)
            page = PressReleasePage(
                **fields,
                **parent.child_tree_fields(slug),
                slug=slug,
                content_type=self.content_type,
                translation_key=key,
            )
            page._bulk_paragraphs = [node.lead, *node.texts]
            node.page = page
            pages.append(page)
        insert_page_rows(pages)
        new_ids = {n.nid: n.page.pk for n in nodes}
        for node in nodes:
            if node.batch_links:
                node.page.body = _fill_batch_links(node.stream, new_ids)
        insert_release_rows(
            pages,
            themes=[(n.page.pk, theme) for n in nodes for theme in n.themes],
            co_publishers=[(n.page.pk, publisher) for n in nodes for publisher in n.co_publishers],
        )
        update_child_counts(parents.values())
        index_releases(self.backends, pages)
        insert_reference_rows(pages)

    def update(self, nodes, note):
        if not nodes:
            return
        keys = self.languages.set_keys(nodes)
        for node in nodes:
            self._update(node, keys[node.nid], note)

    def _update(self, node, key, note):
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
        fields = self.fields(node, note)
        for name, value in fields.items():
            setattr(page, name, value)
        page.save()
        page.themes.set(node.themes)
        page.co_publishers.set(node.co_publishers)
        page.save(update_fields=[])  # commits the ParentalManyToMany values
        node.page = page

    def finish_index(self):
        finish_bulk_load(self.backends)


def _fill_batch_links(stream, new_ids):
    """Links to pages of the same batch were written with -nid as id: put the page ids."""

    def fill(match):
        return f'linktype="page" id="{new_ids[int(match.group(1))]}"'

    for block in stream:
        if block["type"] == "paragraph" and 'id="-' in block["value"]:
            block["value"] = BATCH_LINK.sub(fill, block["value"])
    return stream
