from django.core.management.base import BaseCommand
from django.utils import timezone

from subscriptions.models import DigestBatch
from subscriptions.tasks import run_digest_batch, start_round


class Command(BaseCommand):
    help = (
        "Run a digest round now, outside the schedule. The batches go to the Celery workers, "
        "or run in this process with --here."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--here",
            action="store_true",
            help="Send the batches in this process, not through Celery.",
        )

    def handle(self, *args, here=False, **options):
        digest_round = start_round(timezone.now(), manual=True, queue=not here)
        if digest_round is None:
            self.stderr.write("A round for this minute already exists; nothing done.")
            return
        if here:
            for batch_id in DigestBatch.objects.filter(round=digest_round).values_list(
                "pk", flat=True
            ):
                run_digest_batch(batch_id)
            digest_round.refresh_from_db()
        self.stdout.write(
            f"Round {digest_round.pk}: {digest_round.subscribers} subscribers in "
            f"{digest_round.batches} batches; sent {digest_round.sent}, skipped "
            f"{digest_round.skipped}, failed {digest_round.failed}, suppressed "
            f"{digest_round.suppressed}."
        )
