"""PostgreSQL only: statistics of the accounts' company names in upper case.

A Company filter looks up the names that hold a text (``UPPER(company_name) LIKE``). Without
statistics of that expression PostgreSQL took every such text for a rare one, and for a text
every company name holds probed the partner's roles account by account (5 ms instead of 2
under EXPLAIN ANALYZE; tests/perf/HISTORY.md)."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE STATISTICS IF NOT EXISTS iam_account_upper_company_name "
        "ON (upper(company_name::text)) FROM iam_account"
    )
    schema_editor.execute("ANALYZE iam_account")  # filled now, not at autovacuum's next turn


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP STATISTICS IF EXISTS iam_account_upper_company_name")


class Migration(migrations.Migration):
    dependencies = [("iam", "0019_iam_user_renewal_notices")]

    operations = [migrations.RunPython(create, drop)]
