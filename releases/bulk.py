"""Release pages written in bulk, not saved one page at a time: the Presscenter import
(archive_import) and the synthetic volume of `seed_bulk` (demo) both write through here.

Wagtail pages are treebeard materialised-path nodes over multi-table inheritance, which Django's
bulk_create refuses. So each batch writes, in one transaction:
1. the wagtailcore_page rows (bulk_create on Page), with path, depth, url_path, locale,
   translation key and publication dates computed by the caller from a Parent;
2. the theme and co-publisher many-to-many rows, then the releases_pressreleasepage rows they
   link (an InsertQuery over the child table's own columns, so that Django still prepares each
   value: StreamField JSON, aware datetimes; see insert_release_rows for the order);
3. the parent's numchild;
4. the search index entries (one INSERT ... SELECT on PostgreSQL, the backend's add_bulk
   elsewhere) and the reference index rows.
Pages saved through the ORM meanwhile are indexed once at the end with `deferred_indexing`.
"""

from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.db.models.sql import InsertQuery
from modelsearch.backends.database.postgres.postgres import IndexEntry, PostgresSearchBackend
from modelsearch.backends.database.postgres.weights import get_weight
from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.search.index import (
    AutocompleteField,
    RelatedFields,
    SearchField,
    get_indexed_models,
)
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.front_cache import ALL, purge_on_commit
from releases.models import PressReleasePage

# The search fields the SQL indexer knows how to fill; any other makes it use add_bulk.
SQL_INDEXED_FIELDS = {
    ("title", "search"),
    ("title", "autocomplete"),
    ("lead", "search"),
    ("body", "search"),
}


def sql_indexable():
    fields = {
        (field.field_name, "autocomplete" if isinstance(field, AutocompleteField) else "search")
        for field in PressReleasePage.get_search_fields()
        if isinstance(field, SearchField | AutocompleteField)
    }
    has_related = any(isinstance(f, RelatedFields) for f in PressReleasePage.get_search_fields())
    return fields == SQL_INDEXED_FIELDS and not has_related


def _vector(config, column, weight):
    """The SQL of django.contrib.postgres's SearchVector(Value(text), config, weight), which is
    what modelsearch's PostgreSQL backend stores, over a column of the unnested batch."""
    configured = "%s::regconfig, " if config else ""
    return f"setweight(to_tsvector({configured}COALESCE({column}, '')), %s)", (
        [config, weight] if config else [weight]
    )


def index_in_postgres(backend, pages):
    """Writes the same index entries as `backend.add_bulk(PressReleasePage, pages)` in one
    INSERT ... SELECT, PostgreSQL computing the vectors. add_bulk renders each body's StreamField
    and compiles four vector expressions per page in Python, too slow at archive scale.
    tests/releases/test_bulk.py checks on PostgreSQL that both give identical entries."""
    fields = {
        f.field_name: f for f in PressReleasePage.get_search_fields() if isinstance(f, SearchField)
    }
    title_sql, title_params = _vector(backend.config, "t.title", get_weight(fields["title"].boost))
    auto_sql, auto_params = _vector(backend.autocomplete_config, "t.title", "D")
    lead_sql, lead_params = _vector(backend.config, "t.lead", get_weight(fields["lead"].boost))
    body_sql, body_params = _vector(backend.config, "t.body", get_weight(fields["body"].boost))
    # modelsearch joins a StreamField's block texts with ", " and the body fields with " ".
    bodies = [", ".join(page._bulk_paragraphs) for page in pages]
    sql = f"""
        INSERT INTO {IndexEntry._meta.db_table}
            (content_type_id, object_id, title, autocomplete, body, title_norm, title_text,
             body_text)
        SELECT %s, t.object_id, {title_sql}, {auto_sql}, {lead_sql} || {body_sql}, 1.0,
               t.title, t.lead || ' ' || t.body
        FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[])
            AS t(object_id, title, lead, body)
        ON CONFLICT (content_type_id, object_id) DO UPDATE SET
            title = EXCLUDED.title, autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,
            title_norm = 1.0, title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
    """
    params = [ContentType.objects.get_for_model(PressReleasePage).pk]
    params += title_params + auto_params + lead_params + body_params
    params += [
        [str(page.pk) for page in pages],
        [page.title for page in pages],
        [page.lead for page in pages],
        bodies,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def insert_page_rows(pages):
    """Writes the `wagtailcore_page` rows of new pages whose tree fields (path, depth,
    url_path) are set, and gives each page its id: a bulk insert, where Wagtail's add_child
    would cost several queries a page."""
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    rows = [Page(**{f.attname: getattr(page, f.attname) for f in page_fields}) for page in pages]
    Page.objects.bulk_create(rows, batch_size=1000)
    if any(row.pk is None for row in rows):
        # Databases that cannot return ids from a bulk insert: paths are unique.
        ids = dict(
            Page.objects.filter(path__in=[row.path for row in rows]).values_list("path", "pk")
        )
        for row in rows:
            row.pk = ids[row.path]
    for page, row in zip(pages, rows, strict=True):
        page.pk = page.page_ptr_id = page.id = row.pk
        page._state.adding = False


def insert_release_rows(pages, themes=(), co_publishers=()):
    """The release table's own columns of pages written by insert_page_rows, with their theme
    and co-publisher links: (release id, theme id) and (release id, publisher id) pairs.

    The links go first, in the same transaction (their foreign keys are checked at commit):
    on PostgreSQL the rows' insert trigger copies them onto each row (migration 0012), where
    links written after the rows would update every row once more and leave a dead copy of
    each, spreading the table over twice the pages."""
    fields = PressReleasePage._meta.local_concrete_fields
    chunk = connection.ops.bulk_batch_size(fields, pages)
    with transaction.atomic():
        _insert_release_links(themes, co_publishers)
        for start in range(0, len(pages), chunk):
            query = InsertQuery(PressReleasePage)
            query.insert_values(fields, pages[start : start + chunk])
            query.get_compiler(connection=connection).execute_sql()


def _insert_release_links(themes, co_publishers):
    Themes = PressReleasePage.themes.through
    Themes.objects.bulk_create(
        [Themes(pressreleasepage_id=page, theme_id=theme) for page, theme in themes],
        batch_size=5000,
    )
    CoPublishers = PressReleasePage.co_publishers.through
    CoPublishers.objects.bulk_create(
        [
            CoPublishers(pressreleasepage_id=page, publisher_id=publisher)
            for page, publisher in co_publishers
        ],
        batch_size=5000,
    )


def insert_reference_rows(pages):
    """Wagtail's reference index ("usage") rows of new release pages for what their content
    fields name (documents, images, pages), in one insert per thousand rows: the rows that
    `ReferenceIndex.create_or_update_for_object` writes for those fields after reading each
    page's existing rows. A document is served to the public only while a live page uses it
    (releases.media_access), so imported pages must have theirs from the start."""
    content_type = ContentType.objects.get_for_model(PressReleasePage)
    base_content_type = ContentType.objects.get_for_model(Page)
    fields = [
        field
        for field in PressReleasePage._meta.get_fields()
        if hasattr(field, "extract_references")
    ]
    rows = []
    for page in pages:
        for field in fields:
            value = field.value_from_object(page)
            if value is None:
                continue
            for model, object_id, model_path, content_path in field.extract_references(value):
                content_path = f"{field.name}.{content_path}"
                rows.append(
                    ReferenceIndex(
                        content_type=content_type,
                        base_content_type=base_content_type,
                        object_id=str(page.pk),
                        to_content_type=ReferenceIndex._get_base_content_type(model),
                        to_object_id=object_id,
                        model_path=f"{field.name}.{model_path}",
                        content_path=content_path,
                        content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                    )
                )
    ReferenceIndex.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


def update_child_counts(parents):
    """Adds the children each Parent gave out to its page's numchild."""
    for parent in parents:
        if parent.added:
            Page.objects.filter(pk=parent.page.pk).update(numchild=F("numchild") + parent.added)
            parent.added = 0


def index_releases(backends, pages):
    """Search index entries of new release pages: one INSERT … SELECT on PostgreSQL."""
    for backend in backends:
        if isinstance(backend, PostgresSearchBackend) and sql_indexable():
            index_in_postgres(backend, pages)
        else:
            backend.add_bulk(PressReleasePage, pages)


@dataclass
class Parent:
    """A news listing page and the next free step among its children."""

    page: Page
    next_step: int
    added: int = 0

    @classmethod
    def load(cls, page):
        parent = cls(page, 0)
        parent.refresh()
        return parent

    def refresh(self):
        """Reads the last child step from the database (call with the parent row locked)."""
        last = (
            Page.objects.filter(path__startswith=self.page.path, depth=self.page.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        self.next_step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
        self.added = 0

    def child_path(self):
        step = Page._int2str(self.next_step).rjust(Page.steplen, "0")
        if len(step) > Page.steplen:
            raise OverflowError(f"{self.page} has no room for more children")
        self.next_step += 1
        self.added += 1
        return self.page.path + step

    def child_url_path(self, slug):
        return f"{self.page.url_path}{slug}/"

    def child_tree_fields(self, slug):
        """The tree fields of a new last child with `slug`: where it sits in the tree, its URL
        path and its listing's locale."""
        return {
            "path": self.child_path(),
            "depth": self.page.depth + 1,
            "numchild": 0,
            "url_path": self.child_url_path(slug),
            "locale_id": self.page.locale_id,
        }


def refresh_title_norms(backends):
    """What the PostgreSQL backend's add_items does after each call, done once after a bulk
    run: normalise the weight of the new titles."""
    for backend in backends:
        if isinstance(backend, PostgresSearchBackend):
            backend.get_index_for_model(PressReleasePage)._refresh_title_norms()


def analyze_filled_tables():
    """ANALYZE the tables a bulk load filled: the planner's statistics would otherwise wait for
    autovacuum (off, or late after a load), and plan the home page's queries on row counts
    taken before the load."""
    tables = [
        Page._meta.db_table,
        PressReleasePage._meta.db_table,
        PressReleasePage.themes.through._meta.db_table,
        PressReleasePage.co_publishers.through._meta.db_table,
        ReferenceIndex._meta.db_table,
    ]
    if connection.vendor == "postgresql":
        tables.append(IndexEntry._meta.db_table)
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def finish_bulk_load(backends):
    """What ends a bulk load (the import, seed_bulk): the search titles' norms, the planner's
    statistics, and the front cache, which the pages written without signals did not purge."""
    refresh_title_norms(backends)
    analyze_filled_tables()
    purge_on_commit([ALL])


@contextmanager
def deferred_indexing():
    """Index once at the end instead of on each of the several saves a published page goes
    through: the search index and the reference index are each written once per object."""
    saved = defaultdict(set)

    def remember(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[type(instance)].add(instance.pk)

    models = [model for model in get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    post_save.connect(remember, weak=False, dispatch_uid="releases-deferred-indexing")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="releases-deferred-indexing")
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
    backends = list(get_search_backends(with_auto_update=True))
    for model, pks in saved.items():
        objects = list(model._default_manager.filter(pk__in=pks))
        if model in models:
            for backend in backends:
                backend.add_bulk(model, objects)
        if ReferenceIndex.is_indexed(model):
            for obj in objects:
                ReferenceIndex.create_or_update_for_object(obj)
