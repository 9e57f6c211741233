"""An index that lets a search go from its matches to their releases.

Wagtail's search index keys its entries by `object_id`, a text column, and joins it to
`page_ptr_id::varchar(50)`. Without an index on that expression, a search whose matches the
full-text index finds first (a few thousand) has to hash-join them against every release
(125 ms at 200,000 releases); with it, each match is one index lookup (56 ms). PostgreSQL
only: the other databases have neither the full-text index nor expression indexes here."""

from django.db import migrations

NAME = "releases_release_object_id"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON releases_pressreleasepage "
            "(((page_ptr_id::varchar(50))::text)) INCLUDE (published_at)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("releases", "0003_video_captions")]

    operations = [migrations.RunPython(create_index, drop_index)]
