"""Lists the images without a description (their alt text falls back to the title, often the
file name), with the admin address where each is described. `--check` exits non-zero while
any is left, for a deploy or CI step."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from core.images import images_without_description


class Command(BaseCommand):
    help = "List the images that have no description (their default alt text)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Exit with status 1 if any image is listed."
        )

    def handle(self, *args, check=False, **options):
        images = images_without_description()
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        count = 0
        for image in images.iterator():
            count += 1
            url = base_url + reverse("wagtailimages:edit", args=(image.pk,))
            self.stdout.write(f"{image.pk}\t{image.title}\t{image.file.name}\t{url}")
        self.stdout.write(f"{count} image(s) without description.")
        if check and count:
            raise CommandError(f"{count} image(s) without description.", returncode=1)
