"""A government member's office and portfolio ("Minister of Finance") was stored as `title_*`,
which read as a page title: the columns are renamed, their data kept."""

from django.db import migrations, models

LANGUAGES = {"fr": "French", "nl": "Dutch", "de": "German", "en": "English"}


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [
        operation
        for code, language in LANGUAGES.items()
        for operation in (
            migrations.RenameField("publisher", f"title_{code}", f"portfolio_{code}"),
            migrations.AlterField(
                "publisher",
                f"portfolio_{code}",
                models.CharField(
                    blank=True, max_length=500, verbose_name=f"portfolio ({language})"
                ),
            ),
        )
    ]
