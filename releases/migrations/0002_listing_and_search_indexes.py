"""Indexes the public listing and search need at 200,000 releases (measured in bench/).

Two of them live on tables of other apps (Wagtail's page table and its search index), so they
are created with SQL; the partial and expression indexes are PostgreSQL only."""

from django.db import migrations

POSTGRES_INDEXES = [
    (
        "releases_live_page_ct_locale",
        "CREATE INDEX IF NOT EXISTS releases_live_page_ct_locale ON wagtailcore_page "
        "(content_type_id, locale_id) INCLUDE (expire_at) WHERE live",
    ),
    (
        "releases_search_title_body_gin",
        "CREATE INDEX IF NOT EXISTS releases_search_title_body_gin ON wagtailsearch_indexentry "
        "USING gin ((title || body))",
    ),
]
THEME_INDEX = (
    "releases_theme_release",
    "CREATE INDEX IF NOT EXISTS releases_theme_release ON releases_pressreleasepage_themes "
    "(theme_id, pressreleasepage_id)",
)
CO_PUBLISHER_INDEX = (
    "releases_copublisher_release",
    "CREATE INDEX IF NOT EXISTS releases_copublisher_release ON "
    "releases_pressreleasepage_co_publishers (publisher_id, pressreleasepage_id)",
)


def _indexes(vendor):
    indexes = [THEME_INDEX, CO_PUBLISHER_INDEX]
    if vendor == "postgresql":
        indexes += POSTGRES_INDEXES
    return indexes


def create_indexes(apps, schema_editor):
    for _name, sql in _indexes(schema_editor.connection.vendor):
        schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    for name, _sql in _indexes(schema_editor.connection.vendor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
