import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def saved_by_from_the_audit_log(apps, schema_editor):
    """Each provider's last saver: the actor of its latest create or update in the Audit Log
    (none, or deleted since: nobody known, and a role added or widened later asks for a save
    first)."""
    IdentityProvider = apps.get_model("iam", "IdentityProvider")
    AuditEvent = apps.get_model("iam", "AuditEvent")
    for provider in IdentityProvider.objects.all():
        event = (
            AuditEvent.objects.filter(
                account_id=provider.account_id,
                action__in=("identity_provider.create", "identity_provider.update"),
            )
            .order_by("-created_at", "-id")
            .first()
        )
        if event is not None and event.actor_id is not None:  # a deleted saver: nobody known
            IdentityProvider.objects.filter(pk=provider.pk).update(saved_by_id=event.actor_id)


class Migration(migrations.Migration):
    dependencies = [
        ("iam", "0022_reached_accounts"),
    ]

    operations = [
        migrations.AddField(
            model_name="identityprovider",
            name="saved_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(saved_by_from_the_audit_log, migrations.RunPython.noop),
    ]
