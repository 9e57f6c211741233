"""`manage.py import_presscenter --source mysql://… --files /drupal/root`: the Presscenter
(Drupal 6) archive into release pages. Idempotent and resumable; see archive_import/importer.py."""

import os
import sys
import time
from datetime import datetime
from datetime import time as day_start
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from pymysql import MySQLError

from archive_import.content_types import SelectionError, select
from archive_import.importer import Importer
from archive_import.mapping import load_mapping
from archive_import.models import ImportRun
from archive_import.progress import Progress
from archive_import.source import DrupalSource, SourceError


def _list(value):
    """A comma-separated option as a list of its non-empty items."""
    return [item.strip() for item in value.split(",") if item.strip()] if value else None


def _since(value):
    try:
        day = datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError as error:
        raise CommandError(f"--since expects a date as YYYY-MM-DD, not {value!r}.") from error
    return int(timezone.make_aware(datetime.combine(day, day_start.min)).timestamp())


class Command(BaseCommand):
    help = "Import the Presscenter Drupal 6 archive: releases, translations, files, old URLs."

    def add_arguments(self, parser):
        parser.add_argument("--source", required=True, help="mysql://user:pass@host:port/db")
        parser.add_argument("--files", help="The Drupal root holding the files folder.")
        parser.add_argument("--dry-run", action="store_true", help="Write nothing; report.")
        parser.add_argument("--since", help="Only nodes changed on or after YYYY-MM-DD.")
        parser.add_argument("--limit", type=int, help="Read at most N nodes.")
        parser.add_argument("--batch", type=int, default=500, help="Nodes per transaction.")
        parser.add_argument("--mapping", help="Mapping file (default: the bundled one).")
        parser.add_argument(
            "--types",
            help="Content types imported as press releases, comma-separated (default: the "
            "mapping file's node_types, else the type named or shaped as a press release). "
            "--dry-run lists the types of the source.",
        )
        parser.add_argument(
            "--publisher-vocabularies",
            help="Vocabularies whose terms are publishers, comma-separated (default: the "
            "mapping file's publisher_vocabularies).",
        )
        parser.add_argument(
            "--theme-vocabularies",
            help="Vocabularies whose terms are themes, comma-separated (default: the mapping "
            "file's theme_vocabularies).",
        )
        parser.add_argument(
            "--report", help="Report file (default: var/import-presscenter-<time>.txt)."
        )

    def handle(self, *args, **options):
        if options["limit"] is not None and options["limit"] < 1:
            raise CommandError("--limit must be at least 1.")
        if options["batch"] < 1:
            raise CommandError("--batch must be at least 1.")
        since = _since(options["since"]) if options["since"] else None
        files_root = options["files"]
        if files_root and not Path(files_root).is_dir():
            raise CommandError(f"--files {files_root}: no such folder.")
        try:
            mapping = load_mapping(options["mapping"])
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read the mapping file: {error}") from error
        report_path = Path(
            options["report"]
            or Path(getattr(settings, "VAR_DIR", Path(settings.BASE_DIR) / "var"))
            / f"import-presscenter-{timezone.now():%Y%m%dT%H%M%S}.txt"
        )
        # Checked before anything is imported: the report comes at the very end.
        try:
            report_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"Cannot write the report to {report_path}: {error}") from error
        if not os.access(report_path.parent, os.W_OK) or report_path.is_dir():
            raise CommandError(f"Cannot write the report to {report_path}.")
        try:
            source = DrupalSource(options["source"])
        except SourceError as error:
            raise CommandError(str(error)) from error
        try:
            try:
                selection = select(
                    source,
                    mapping,
                    types=_list(options["types"]),
                    publisher_vocabularies=_list(options["publisher_vocabularies"]),
                    theme_vocabularies=_list(options["theme_vocabularies"]),
                )
            except SelectionError as error:
                raise CommandError(str(error)) from error
            if options["publisher_vocabularies"]:
                mapping["publisher_vocabularies"] = _list(options["publisher_vocabularies"])
            if options["theme_vocabularies"]:
                mapping["theme_vocabularies"] = _list(options["theme_vocabularies"])
            for line in selection.lines():
                self.stdout.write(line)
            total = source.count_nodes(None, since)
            if options["limit"] is not None:
                total = min(total, options["limit"])
            progress = Progress(
                total, self.stdout._out if hasattr(self.stdout, "_out") else sys.stdout
            )
            try:
                importer = Importer(
                    source,
                    files_root=files_root,
                    mapping=mapping,
                    dry_run=options["dry_run"],
                    since=since,
                    limit=options["limit"],
                    batch_size=options["batch"],
                    progress=progress,
                    types=selection.types,
                )
            except ValueError as error:
                raise CommandError(str(error)) from error
            started = time.monotonic()
            run = None
            if not options["dry_run"]:
                run = ImportRun.objects.create(source=source.safe_url, report_path=str(report_path))
            try:
                report = importer.run()
            except MySQLError as error:
                raise CommandError(
                    f"Lost the source database {source.safe_url}: {error}. The nodes imported "
                    "so far stay; run the command again to continue."
                ) from error
            progress.finish()
        finally:
            source.close()
        elapsed = time.monotonic() - started
        header = (
            f"Presscenter import from {source.safe_url}"
            f"{' (dry run: nothing written)' if options['dry_run'] else ''}, "
            f"{timezone.now():%Y-%m-%d %H:%M:%S %Z}, {elapsed:.1f} s"
        )
        report.context = selection.lines()
        text = report.text(header)
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_path.write_text(text, encoding="utf-8")
        if run is not None:
            run.finished_at = timezone.now()
            run.counts = dict(report.counts)
            run.save(update_fields=["finished_at", "counts"])
        self.stdout.write(text)
        self.stdout.write(f"Report written to {report_path}")
        read = sum(report.counts.get(key, 0) for key in ("skipped", "failed")) + report.imported
        if read and not report.imported:
            # Nothing of the archive made it in: an operator's run must not look like success.
            raise CommandError(
                f"No node imported: {read} read, {report.counts.get('skipped', 0)} of another "
                f"content type, {report.counts.get('failed', 0)} failed. The source has "
                f"{selection.describe_types()}; choose the press-release types with --types."
            )
