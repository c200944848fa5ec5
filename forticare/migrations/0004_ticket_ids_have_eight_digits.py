"""Ticket IDs look like FortiCare's: eight digits, from 10000001 on (existing tickets keep
theirs). The id sequence starts there; on SQLite, the table's AUTOINCREMENT counter."""

from django.db import migrations

FIRST_TICKET_ID = 10_000_001
TABLE = "forticare_ticket"


def start_ticket_ids(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {TABLE}")  # noqa: S608 (a constant)
        last = max(cursor.fetchone()[0], FIRST_TICKET_ID - 1)
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [TABLE, last])
        elif connection.vendor == "sqlite":
            cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [TABLE])
            cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [TABLE, last])


class Migration(migrations.Migration):
    dependencies = [("forticare", "0003_bug_tracker_indexes")]

    operations = [migrations.RunPython(start_ticket_ids, migrations.RunPython.noop)]
