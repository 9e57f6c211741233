"""The count of a publisher's live releases in a language (releases.query.NewestOfPublishers),
read on the release row's copy of its page's state (0012) from this index alone: through the
page table it took a look-up per release, 17 ms for a publisher with 7,000 releases
(bench/README.md, session 13). PostgreSQL only, like the copy it indexes."""

from django.db import migrations

INDEX = (
    "CREATE INDEX IF NOT EXISTS releases_publisher_live ON releases_pressreleasepage "
    "(publisher_id, page_locale_id) INCLUDE (page_expire_at, page_ptr_id) "
    "WHERE page_live AND withdrawn_at IS NULL"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS releases_publisher_live")


class Migration(migrations.Migration):
    dependencies = [("releases", "0013_headline_window")]

    operations = [migrations.RunPython(create, drop)]
