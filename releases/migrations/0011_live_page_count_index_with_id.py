"""The count of a listing's live releases (releases.query.count_all) leaves the withdrawn ones
out by page id since 0008: the partial index of 0002 did not hold the id, so the count read
every page row instead of the index alone (bench/README.md, session 8). PostgreSQL only, like
0002's partial index."""

from django.db import migrations

NEW = (
    "CREATE INDEX IF NOT EXISTS releases_live_page_ct_locale_id ON wagtailcore_page "
    "(content_type_id, locale_id) INCLUDE (expire_at, id) WHERE live"
)
OLD = (
    "CREATE INDEX IF NOT EXISTS releases_live_page_ct_locale ON wagtailcore_page "
    "(content_type_id, locale_id) INCLUDE (expire_at) WHERE live"
)


def replace_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NEW)
        schema_editor.execute("DROP INDEX IF EXISTS releases_live_page_ct_locale")


def restore_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(OLD)
        schema_editor.execute("DROP INDEX IF EXISTS releases_live_page_ct_locale_id")


class Migration(migrations.Migration):
    dependencies = [("releases", "0010_alter_pressreleasepage_body")]

    operations = [migrations.RunPython(replace_index, restore_index)]
