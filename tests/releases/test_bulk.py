"""releases.bulk, the page writers the Presscenter import and seed_bulk share: pages written in
bulk are a valid tree, live, servable, searchable and in the reference index; deferred_indexing
indexes once, at the end."""

import uuid
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from modelsearch.backends.database.postgres.postgres import IndexEntry
from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backend, get_search_backends

from releases.bulk import (
    Parent,
    deferred_indexing,
    index_releases,
    insert_page_rows,
    insert_reference_rows,
    insert_release_rows,
    refresh_title_norms,
    sql_indexable,
    update_child_counts,
)
from releases.media_access import document_is_public
from releases.models import PressReleasePage
from releases.query import live_releases
from tests import factories


def write_releases(count, language="nl", themes=(), co_publishers=(), attachment=None):
    """`count` live releases under the news listing of `language`, written the way the
    importer writes them: tree fields from a Parent, then each writer once for the batch."""
    listing = factories.news_index(language)
    publisher = factories.publisher()
    content_type = ContentType.objects.get_for_model(PressReleasePage)
    now = timezone.now().replace(microsecond=0)
    backends = list(get_search_backends(with_auto_update=True))
    with transaction.atomic():
        parent = Parent.load(Page.objects.select_for_update().get(pk=listing.pk))
        pages = []
        for n in range(count):
            title = f"Begroting {n}: de regering keurt de rekening goed"
            paragraph = f"De federale begroting voor jaar {n} is in evenwicht."
            body = [{"type": "paragraph", "id": str(uuid.uuid4()), "value": f"<p>{paragraph}</p>"}]
            if attachment is not None:
                body.append(
                    {
                        "type": "attachment",
                        "id": str(uuid.uuid4()),
                        "value": {"document": attachment.pk, "title": attachment.title},
                    }
                )
            published_at = now - timedelta(hours=n)
            page = PressReleasePage(
                title=title,
                draft_title=title,
                slug=f"begroting-{n}",
                lead=f"Lead van bericht {n}.",
                body=body,
                publisher=publisher,
                published_at=published_at,
                translation_key=uuid.uuid4(),
                content_type=content_type,
                locale_id=listing.locale_id,
                path=parent.child_path(),
                depth=listing.depth + 1,
                numchild=0,
                url_path=f"{listing.url_path}begroting-{n}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=published_at,
                last_published_at=published_at,
            )
            page._bulk_paragraphs = [paragraph]
            pages.append(page)
        insert_page_rows(pages)
        insert_release_rows(
            pages,
            themes=[(page.pk, theme.pk) for page in pages for theme in themes],
            co_publishers=[(page.pk, other.pk) for page in pages for other in co_publishers],
        )
        update_child_counts([parent])
        index_releases(backends, pages)
        insert_reference_rows(pages)
    refresh_title_norms(backends)
    return pages


@pytest.mark.django_db
def test_bulk_written_releases_are_live_servable_searchable_and_referenced(client, site_structure):
    factories.release(language="nl", title="Written before, one at a time")
    theme = factories.theme()
    partner = factories.publisher()
    pdf = factories.document("Begroting in cijfers", "begroting.pdf", b"%PDF-1.4 " + b"x" * 512)
    assert not document_is_public(pdf)

    pages = write_releases(12, themes=[theme], co_publishers=[partner], attachment=pdf)

    # treebeard: bad characters, step length, orphans, wrong depth, wrong numchild.
    assert Page.find_problems() == ([], [], [], [], [])
    listing = factories.news_index("nl")
    assert live_releases(locale=listing.locale).count() == 13
    stored = PressReleasePage.objects.get(pk=pages[0].pk)
    assert stored.get_parent().pk == listing.pk
    assert list(stored.themes.all()) == [theme]
    assert list(stored.co_publishers.all()) == [partner]
    response = client.get(stored.url)
    assert response.status_code == 200
    assert stored.title in response.content.decode()
    assert PressReleasePage.objects.live().search("begroting").count() == 12
    # The attachment's reference rows exist from the start: the document is public.
    assert ReferenceIndex.get_references_to(pdf).count() == 12
    assert document_is_public(pdf)

    # A second batch goes after the first one's children.
    write_releases(3, language="nl")
    assert Page.find_problems() == ([], [], [], [], [])
    assert live_releases(locale=listing.locale).count() == 16


@pytest.mark.django_db
def test_deferred_indexing_indexes_each_saved_page_once_at_the_end(site_structure):
    pdf = factories.document("Jaarverslag", "jaarverslag.pdf", b"%PDF-1.4 " + b"y" * 512)
    body = [{"type": "attachment", "value": {"document": pdf.pk, "title": pdf.title}}]
    with deferred_indexing():
        page = factories.release(language="nl", title="Uitgestelde indexering", body=body)
        # Saved and published, but neither in the search index nor in the reference index yet.
        assert not PressReleasePage.objects.live().search("uitgestelde").count()
        assert not ReferenceIndex.get_references_to(pdf).exists()
    assert list(PressReleasePage.objects.live().search("uitgestelde")) == [page]
    assert ReferenceIndex.get_references_to(pdf).exists()
    # Indexing is back to normal after the block.
    later = factories.release(language="nl", title="Gewone indexering")
    assert list(PressReleasePage.objects.live().search("gewone")) == [later]


@pytest.mark.postgres
@pytest.mark.django_db
def test_bulk_sql_index_matches_the_search_backend(site_structure):
    """On PostgreSQL the writers compute index entries in SQL; they must equal what modelsearch's
    own add_bulk writes for the same pages."""
    assert sql_indexable()
    # One run: title norms are normalised once, at its end, as add_bulk does after each call.
    pages = write_releases(13, language="fr")
    columns = (
        "object_id",
        "title",
        "autocomplete",
        "body",
        "title_norm",
        "title_text",
        "body_text",
    )
    entries = IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(PressReleasePage),
        object_id__in=[str(page.pk) for page in pages],
    ).order_by("object_id")

    def rows():
        return [tuple(str(value) for value in row) for row in entries.values_list(*columns)]

    from_sql = rows()
    assert len(from_sql) == 13
    get_search_backend().add_bulk(PressReleasePage, list(PressReleasePage.objects.all()))
    assert rows() == from_sql
