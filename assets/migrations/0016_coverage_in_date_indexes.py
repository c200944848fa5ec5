"""The default order's indexes, (registered_on, id) and (account, registered_on, id), carry the
coverage end as a last column, so a coverage filter walking the newest units is checked in the
index. The new ones are built without blocking writes on PostgreSQL before the old ones go."""

from django.db import migrations, models

from forticloud.web.indexes import AddIndexOnline


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY runs outside a transaction

    dependencies = [
        ("assets", "0015_drop_duplicate_serial_index"),
        ("iam", "0020_account_company_name_statistics"),
    ]

    operations = [
        AddIndexOnline(
            model_name="asset",
            index=models.Index(
                fields=["account", "registered_on", "id", "coverage_ends_on"],
                name="assets_asse_account_b356e7_idx",
            ),
        ),
        AddIndexOnline(
            model_name="asset",
            index=models.Index(
                fields=["registered_on", "id", "coverage_ends_on"],
                name="assets_asse_registe_714ab7_idx",
            ),
        ),
        migrations.RemoveIndex(model_name="asset", name="assets_asse_account_3c2e05_idx"),
        migrations.RemoveIndex(model_name="asset", name="assets_asse_registe_ed4ea4_idx"),
    ]
