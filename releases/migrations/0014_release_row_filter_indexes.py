"""Indexes for the conditions that read the release row's copies of migration 0012
(PostgreSQL only, like those copies; bench/README.md, session 13):

- a publisher's live releases in a language (`releases.query.NewestOfPublishers.count`), from
  this index alone: through the page table the count took a look-up per release, 17 ms for a
  publisher with 7,000 releases. `publisher_id IS NOT NULL` keeps it to conditions on
  publishers: without it, the planner also scanned all of it for a language's releases;
- the themes and the co-publishers of a release (GIN), which a search filtered by theme,
  publisher or type combines with the text index: the matches of a common word were read
  whole and joined to every release of the theme or the type (100 to 250 ms).
"""

from django.db import migrations

INDEXES = {
    "releases_publisher_live": (
        "(publisher_id, page_locale_id) INCLUDE (page_expire_at, page_ptr_id) "
        "WHERE page_live AND withdrawn_at IS NULL AND publisher_id IS NOT NULL"
    ),
    "releases_theme_ids": "USING gin (theme_ids)",
    "releases_co_publisher_ids": "USING gin (co_publisher_ids)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON releases_pressreleasepage {definition}"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("releases", "0013_headline_window")]

    operations = [migrations.RunPython(create, drop)]
