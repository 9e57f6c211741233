"""HomePage and ContentPage move from releases to core, keeping their tables (db_table) and
their rows: state only here, and the content types renamed in place, so that the page rows,
revisions, permissions and search entries that point at them by id stay valid."""

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

MOVED = ("homepage", "contentpage")


def rename_content_types(from_app, to_app):
    def rename(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in MOVED:
            if ContentType.objects.filter(app_label=to_app, model=model).exists():
                continue  # already there (a database that never had the old one)
            ContentType.objects.filter(app_label=from_app, model=model).update(app_label=to_app)
        ContentType.objects.clear_cache()

    return rename


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_outbox_entry"),
        ("releases", "0005_covering_indexes"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HomePage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        ("intro", models.TextField(blank=True, verbose_name="introduction")),
                    ],
                    options={"verbose_name": "home page", "db_table": "releases_homepage"},
                    bases=("wagtailcore.page",),
                ),
                migrations.CreateModel(
                    name="ContentPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        ("body", wagtail.fields.RichTextField(verbose_name="body")),
                    ],
                    options={"verbose_name": "content page", "db_table": "releases_contentpage"},
                    bases=("wagtailcore.page",),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            rename_content_types("releases", "core"),
            rename_content_types("core", "releases"),
        ),
    ]
