"""`manage.py seed_demo`: the demo site. Idempotent: a second run changes nothing."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.content import DemoDataError
from demo.seed import DemoSeeder


class Command(BaseCommand):
    help = "Load the demo content (publishers, releases, Council meetings, demo users)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-password",
            help="Password of the `admin` superuser. Without it, `admin`/`admin` is created "
            "only when DEBUG is on.",
        )
        parser.add_argument(
            "--communicator-password",
            help="Password of the demo communicators (default: `communicator` when DEBUG is on, "
            "a random one otherwise).",
        )

    def handle(self, *args, admin_password=None, communicator_password=None, **options):
        started = time.monotonic()
        try:
            seeder = DemoSeeder()
        except DemoDataError as error:
            raise CommandError(f"Demo data files: {error}") from error
        created = seeder.run(admin_password, communicator_password)
        elapsed = time.monotonic() - started
        if any(created.values()):
            summary = ", ".join(f"{count} {what}" for what, count in created.items() if count)
            self.stdout.write(
                self.style.SUCCESS(f"Demo content loaded in {elapsed:.1f} s: {summary}.")
            )
        else:
            self.stdout.write(f"Demo content already loaded; nothing changed ({elapsed:.1f} s).")
        for username, password in seeder.passwords.items():
            if password is None:
                self.stdout.write(
                    self.style.WARNING(
                        "No `admin` superuser created: DEBUG is off. Pass --admin-password "
                        "to create one, or use `manage.py createsuperuser`."
                    )
                )
            else:
                self.stdout.write(f"  login: {username} / {password}")
        if settings.DEBUG and "admin" not in seeder.passwords:
            self.stdout.write("  login: admin / admin (unless changed since)")
