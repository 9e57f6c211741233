"""`manage.py setup`: what every deploy needs besides migrate, in one idempotent command (run
by `make run`, and at every deploy after `migrate`): the languages, each language's home page,
news listing, Council section and photo library, the Wagtail Site at the site's address, the
Communicators and Photographers groups and the Council of Ministers validation workflow. No
demo content (that is seed_demo)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale, Site

from core.site_structure import ensure_site_structure, site_address
from photos.setup import ensure_photographers_group
from releases.permissions import ensure_communicators_group
from validation.management.commands.ensure_validation_workflow import ensure_validation_workflow

LOOPBACK = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}


class Command(BaseCommand):
    help = (
        "Create or repair the languages, home pages, news listings, Council sections, the Site "
        "(at BASE_URL), the Communicators group and the validation workflow. No demo content; "
        "safe to run at every deploy."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            help="The site's public address, e.g. https://news.example.be (default: BASE_URL).",
        )
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Then load the demo content (seed_demo), in the same process: `make run`.",
        )

    def handle(self, *args, base_url=None, demo=False, **options):
        try:
            hostname, port = site_address(base_url)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        if not settings.DEBUG and not base_url and hostname in LOOPBACK:
            # Production without BASE_URL: every link in every email would point at localhost.
            raise CommandError(
                f"The site's address is {settings.WAGTAILADMIN_BASE_URL}: set BASE_URL to the "
                "public address (https://news.example.be) or pass --base-url."
            )
        with transaction.atomic():
            homes = ensure_site_structure(hostname, port)
            group = ensure_communicators_group()
            photographers = ensure_photographers_group()
            workflow, _task, assigned = ensure_validation_workflow()
        site = Site.objects.get(is_default_site=True)
        languages = ", ".join(Locale.objects.order_by("language_code").values_list(
            "language_code", flat=True
        ))  # fmt: skip
        self.stdout.write(f"Site: {site.root_url}/ ({languages}; {len(homes)} home pages).")
        self.stdout.write(
            f"Group {group.name!r}: {group.page_permissions.count()} page permissions."
        )
        self.stdout.write(
            f"Group {photographers.name!r}: {photographers.page_permissions.count()} page "
            "permissions."
        )
        self.stdout.write(f"Workflow {workflow.name!r} on {assigned} Council section(s).")
        if demo:
            call_command("seed_demo", stdout=self.stdout, stderr=self.stderr)
