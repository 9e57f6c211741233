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
        start = f"Round {digest_round.pk}: {digest_round.subscribers} subscribers in "
        start += f"{digest_round.batches} batches"
        if not digest_round.subscribers:
            self.stdout.write(f"Round {digest_round.pk}: no active subscriber; nothing to send.")
        elif digest_round.finished_at:
            self.stdout.write(
                f"{start}; sent {digest_round.sent}, skipped {digest_round.skipped}, failed "
                f"{digest_round.failed}, suppressed {digest_round.suppressed}."
            )
        else:
            # Queued: the counts would say "sent 0" while the workers are about to send.
            self.stdout.write(
                f"{start}, queued: the Celery workers send them now. Follow the round in "
                "Subscriptions → Digest rounds, or run send_digests --here to send from this "
                "process."
            )
