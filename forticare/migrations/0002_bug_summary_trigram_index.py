"""PostgreSQL only: trigram indexes for the Bug Tracker search and ticket subjects."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS bug_summary_trgm ON forticare_bug "
        "USING gin (UPPER(summary::text) gin_trgm_ops)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS ticket_subject_trgm ON forticare_ticket "
        "USING gin (UPPER(subject::text) gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS bug_summary_trgm")
        schema_editor.execute("DROP INDEX IF EXISTS ticket_subject_trgm")


class Migration(migrations.Migration):
    dependencies = [("forticare", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
