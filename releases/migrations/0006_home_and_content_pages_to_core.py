"""HomePage and ContentPage now live in core (core 0002): forgotten here, tables kept."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0005_covering_indexes"),
        ("core", "0002_home_and_content_pages"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HomePage"),
                migrations.DeleteModel(name="ContentPage"),
            ],
            database_operations=[],
        ),
    ]
