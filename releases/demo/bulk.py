"""Synthetic volume for scale work: releases inserted in bulk, not saved one page at a time.

Wagtail pages are treebeard materialised-path nodes over multi-table inheritance, which Django's
bulk_create refuses. So each batch writes, in one transaction:
1. the wagtailcore_page rows (bulk_create on Page), with path, depth, url_path, locale,
   translation key and publication dates computed here;
2. the releases_pressreleasepage rows (an InsertQuery over the child table's own columns, so that
   Django still prepares each value: StreamField JSON, aware datetimes);
3. the theme and co-publisher many-to-many rows;
4. the parent's numchild;
5. the search index entries, through the search backend's add_bulk.
"""

import random
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.db.models.sql import InsertQuery
from django.utils import timezone
from modelsearch.backends.database.postgres.postgres import IndexEntry, PostgresSearchBackend
from modelsearch.backends.database.postgres.weights import get_weight
from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.search.index import AutocompleteField, RelatedFields, SearchField

from directory.models import Publisher
from releases.models import NewsIndexPage, PressReleasePage, Theme

from .bulk_text import ACTIONS, LANGUAGE_SETS, LEADS, SENTENCES, SUBJECTS
from .seed import page_slug

YEARS = 20

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
    and compiles four vector expressions per page in Python: too slow for 200,000 pages.
    tests/releases/test_seed.py checks on PostgreSQL that both give identical entries."""
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


def insert_release_rows(pages):
    """The release table's own columns of pages written by insert_page_rows."""
    fields = PressReleasePage._meta.local_concrete_fields
    chunk = connection.ops.bulk_batch_size(fields, pages)
    for start in range(0, len(pages), chunk):
        query = InsertQuery(PressReleasePage)
        query.insert_values(fields, pages[start : start + chunk])
        query.get_compiler(connection=connection).execute_sql()


def insert_release_links(themes, co_publishers):
    """Theme and co-publisher links, as (release id, theme id) and (release id, publisher id)
    pairs."""
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


class BulkLoader:
    def __init__(self, total, batch_size=5000, seed=None, years=YEARS, log=print):
        self.total = total
        self.batch_size = max(1, batch_size)
        self.rng = random.Random(seed)
        self.years = years
        self.log = log
        self.now = timezone.now().replace(second=0, microsecond=0)
        self.content_type = ContentType.objects.get_for_model(PressReleasePage)
        self.parents = {
            page.locale.language_code: Parent.load(page)
            for page in NewsIndexPage.objects.select_related("locale").order_by("path")
        }
        # Council releases belong under their meetings; synthetic ones come from the others.
        self.publishers = list(
            Publisher.objects.exclude(kind=Publisher.Kind.COUNCIL).order_by("pk")
        )
        self.theme_ids = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
        if not self.publishers or not self.theme_ids:
            raise ValueError("Publishers and themes are needed: run seed_demo first.")
        missing = {code for codes, _w in LANGUAGE_SETS for code in codes} - set(self.parents)
        if missing:
            raise ValueError(f"No news listing for: {', '.join(sorted(missing))}")
        self.language_sets = [codes for codes, _weight in LANGUAGE_SETS]
        self.language_weights = [weight for _codes, weight in LANGUAGE_SETS]
        # Slug suffixes above every existing page id are unique among this run and earlier ones.
        self.sequence = (Page.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        self.backends = list(get_search_backends(with_auto_update=True))

    # -- synthetic content -------------------------------------------------------------------

    def _story(self):
        """One synthetic release in one or more languages: [(code, fields)]."""
        codes = self.rng.choices(self.language_sets, self.language_weights)[0]
        subject = self.rng.randrange(len(SUBJECTS["en"]))
        action = self.rng.randrange(len(ACTIONS["en"]))
        publisher = self.rng.choice(self.publishers)
        themes = self.rng.sample(self.theme_ids, self.rng.choice((1, 1, 2, 3)))
        co_publisher = self.rng.choice(self.publishers) if self.rng.random() < 0.05 else None
        if co_publisher == publisher:
            co_publisher = None
        published_at = self.now - timedelta(
            minutes=self.rng.randrange(int(self.years * 365.25 * 24 * 60))
        )
        sentences = self.rng.sample(range(len(SENTENCES["en"])), 4)
        number = self.sequence
        self.sequence += 1
        key = uuid.uuid4()
        story = []
        for code in codes:
            subject_text = SUBJECTS[code][subject]
            title = ACTIONS[code][action].format(subject=subject_text)
            title = title[0].upper() + title[1:]
            name = Publisher.display_name.for_language(publisher, code)
            paragraphs = [
                " ".join(SENTENCES[code][i] for i in sentences[:2]),
                " ".join(SENTENCES[code][i] for i in sentences[2:]),
            ]
            body = [
                {"type": "paragraph", "id": str(uuid.uuid4()), "value": f"<p>{text}</p>"}
                for text in paragraphs
            ]
            story.append(
                (
                    code,
                    {
                        "title": title,
                        "slug": f"{page_slug(title)[:70].strip('-')}-{number}",
                        "lead": LEADS[code].format(publisher=name, subject=subject_text),
                        "body": body,
                        "paragraphs": paragraphs,
                        "translation_key": key,
                        "published_at": published_at,
                        "publisher": publisher,
                        "themes": themes,
                        "co_publisher": co_publisher,
                    },
                )
            )
        return story

    def _pages(self, count):
        pages = []
        while len(pages) < count:
            for code, fields in self._story():
                if len(pages) == count:
                    break
                parent = self.parents[code]
                themes = fields.pop("themes")
                co_publisher = fields.pop("co_publisher")
                paragraphs = fields.pop("paragraphs")
                page = PressReleasePage(
                    **fields,
                    draft_title=fields["title"],
                    content_type=self.content_type,
                    locale_id=parent.page.locale_id,
                    path=parent.child_path(),
                    depth=parent.page.depth + 1,
                    numchild=0,
                    url_path=f"{parent.page.url_path}{fields['slug']}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=fields["published_at"],
                    last_published_at=fields["published_at"],
                )
                page._bulk_themes = themes
                page._bulk_co_publisher = co_publisher
                page._bulk_paragraphs = paragraphs
                pages.append(page)
        return pages

    # -- writing -----------------------------------------------------------------------------

    def _finish_index(self):
        for backend in self.backends:
            if isinstance(backend, PostgresSearchBackend):
                # What add_items does after each call: normalise the new titles' weight.
                backend.get_index_for_model(PressReleasePage)._refresh_title_norms()

    def _lock_parents(self):
        """Locks the listings' rows so that two loaders running at once take turns instead of
        computing the same child paths, then reads where each listing's children end."""
        list(
            Page.objects.select_for_update()
            .filter(pk__in=[parent.page.pk for parent in self.parents.values()])
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for parent in self.parents.values():
            parent.refresh()
        last_pk = Page.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        self.sequence = max(self.sequence, last_pk + 1)

    def run(self):
        done = 0
        started = time.monotonic()
        while done < self.total:
            count = min(self.batch_size, self.total - done)
            with transaction.atomic():
                self._lock_parents()
                pages = self._pages(count)
                insert_page_rows(pages)
                insert_release_rows(pages)
                insert_release_links(
                    [(page.pk, theme) for page in pages for theme in page._bulk_themes],
                    [
                        (page.pk, page._bulk_co_publisher.pk)
                        for page in pages
                        if page._bulk_co_publisher is not None
                    ],
                )
                update_child_counts(self.parents.values())
                index_releases(self.backends, pages)
            done += count
            elapsed = time.monotonic() - started
            self.log(f"{done}/{self.total} releases ({done / elapsed:.0f}/s)")
        self._finish_index()
        return done
