"""`manage.py seed_bulk --releases N`: synthetic releases for scale work, inserted in bulk."""

import time

from django.core.management.base import BaseCommand, CommandError

from core.site_structure import ensure_site_structure
from demo.content import DemoDataError
from demo.seed import DemoSeeder
from demo.synthetic import BulkLoader, load_synthetic_text
from releases.bulk import deferred_indexing


class Command(BaseCommand):
    help = (
        "Insert N synthetic releases spread over publishers, themes, the four languages and "
        "twenty years. Runs on top of seed_demo; not idempotent (each run adds N)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--releases", type=int, required=True, help="How many release pages.")
        parser.add_argument("--batch", type=int, default=5000, help="Pages per transaction.")
        parser.add_argument("--seed", type=int, default=None, help="Random seed (repeatable data).")

    def handle(self, *args, releases, batch, seed, **options):
        if releases < 1:
            raise CommandError("--releases must be at least 1.")
        if batch < 1:
            raise CommandError("--batch must be at least 1.")
        try:
            seeder = DemoSeeder()
            words = load_synthetic_text()
        except DemoDataError as error:
            raise CommandError(f"Demo data files: {error}") from error
        started = time.monotonic()
        ensure_site_structure()
        # Publishers and themes come from the demo directory (unchanged if already loaded).
        with deferred_indexing():
            seeder.seed_themes()
            seeder.seed_directory()
        try:
            loader = BulkLoader(
                releases, batch_size=batch, seed=seed, log=self.stdout.write, words=words
            )
        except (ValueError, OverflowError) as error:
            raise CommandError(str(error)) from error
        loader.run()
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{releases} releases inserted in {elapsed:.1f} s ({releases / elapsed:.0f}/s)."
            )
        )
