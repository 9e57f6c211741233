"""The send state moves from each Delivery row to one Dispatch row per email: marking an
email sent then writes one row instead of one per release it lists."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def deliveries_to_dispatches(apps, schema_editor):
    """One dispatch per (subscriber, claim, state, message id) of the existing deliveries: the
    rows an email carried."""
    Delivery = apps.get_model("subscriptions", "Delivery")
    Dispatch = apps.get_model("subscriptions", "Dispatch")
    fields = ("subscriber_id", "claim", "state", "message_id", "kind", "round_id")
    groups = (
        Delivery.objects.values(*fields)
        .annotate(claimed_at=models.Max("claimed_at"), sent_at=models.Max("sent_at"))
        .order_by(*fields)
    )
    for group in groups.iterator(chunk_size=2000):
        dispatch = Dispatch.objects.create(**group)
        Delivery.objects.filter(**{name: group[name] for name in fields}).update(
            dispatch=dispatch
        )


def dispatches_to_deliveries(apps, schema_editor):
    Delivery = apps.get_model("subscriptions", "Delivery")
    Dispatch = apps.get_model("subscriptions", "Dispatch")
    for dispatch in Dispatch.objects.iterator(chunk_size=2000):
        Delivery.objects.filter(dispatch=dispatch).update(
            kind=dispatch.kind,
            round_id=dispatch.round_id,
            state=dispatch.state,
            claim=dispatch.claim,
            claimed_at=dispatch.claimed_at,
            sent_at=dispatch.sent_at,
            message_id=dispatch.message_id,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Dispatch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("digest", "Digest"), ("alert", "Immediate alert")],
                        max_length=10,
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[("pending", "Pending"), ("sent", "Sent"), ("failed", "Failed")],
                        default="pending",
                        max_length=10,
                    ),
                ),
                ("claim", models.CharField(blank=True, max_length=100)),
                ("claimed_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("sent_at", models.DateTimeField(blank=True, null=True)),
                ("message_id", models.CharField(blank=True, max_length=255)),
                (
                    "round",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="dispatches",
                        to="subscriptions.digestround",
                    ),
                ),
                (
                    "subscriber",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="dispatches",
                        to="subscriptions.subscriber",
                    ),
                ),
            ],
            options={
                "verbose_name": "dispatch",
                "verbose_name_plural": "dispatches",
                "indexes": [
                    models.Index(fields=["claim", "state"], name="subscriptio_claim_c17109_idx")
                ],
            },
        ),
        migrations.AddField(
            model_name="delivery",
            name="dispatch",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="deliveries",
                to="subscriptions.dispatch",
            ),
        ),
        migrations.RunPython(deliveries_to_dispatches, dispatches_to_deliveries),
        migrations.RemoveIndex(model_name="delivery", name="subscriptio_state_fff2c1_idx"),
        migrations.RemoveField(model_name="delivery", name="claim"),
        migrations.RemoveField(model_name="delivery", name="claimed_at"),
        migrations.RemoveField(model_name="delivery", name="kind"),
        migrations.RemoveField(model_name="delivery", name="message_id"),
        migrations.RemoveField(model_name="delivery", name="round"),
        migrations.RemoveField(model_name="delivery", name="sent_at"),
        migrations.RemoveField(model_name="delivery", name="state"),
        # Never read: the page is the release version delivered.
        migrations.RemoveField(model_name="delivery", name="translation_key"),
        migrations.AlterField(
            model_name="delivery",
            name="subscriber",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="deliveries",
                to="subscriptions.subscriber",
            ),
        ),
        migrations.AlterField(
            model_name="delivery",
            name="dispatch",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="deliveries",
                to="subscriptions.dispatch",
            ),
        ),
    ]
