from django.db import migrations


def analyze_releases(apps, schema_editor):
    # A column added with no value writes no row, so autovacuum never analyzes it: without
    # statistics PostgreSQL takes "withdrawn_at IS NULL" for rare and walks every match of a
    # search instead of the newest ones.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE releases_pressreleasepage")


class Migration(migrations.Migration):
    dependencies = [("releases", "0008_release_withdrawal_and_updates")]

    operations = [migrations.RunPython(analyze_releases, migrations.RunPython.noop)]
