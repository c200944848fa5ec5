"""Every All Tickets sort column gets a (column, id) index, built without blocking writes on
PostgreSQL; the tickets there are get their account's name (0009) first, in one statement
of its own."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

from forticloud.web.indexes import AddIndexOnline


def copy_company_names(apps, schema_editor):
    Ticket = apps.get_model("forticare", "Ticket")
    Account = apps.get_model("iam", "Account")
    Ticket.objects.update(
        company_name=Subquery(
            Account.objects.filter(pk=OuterRef("account_id")).values("company_name")[:1]
        )
    )


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY runs outside a transaction

    dependencies = [
        ("forticare", "0009_ticket_company_name"),
        ("iam", "0019_iam_user_renewal_notices"),
    ]

    operations = [
        migrations.RunPython(copy_company_names, migrations.RunPython.noop),
        *[
            AddIndexOnline(model_name="ticket", index=models.Index(fields=[field, "id"], name=name))
            for field, name in [
                ("request_type", "forticare_t_request_09c722_idx"),
                ("ticket_type", "forticare_t_ticket__9661df_idx"),
                ("visibility", "forticare_t_visibil_146bcb_idx"),
                ("company_name", "forticare_t_company_cc1ce7_idx"),
            ]
        ],
    ]
