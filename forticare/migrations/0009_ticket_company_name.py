"""The Account column's sort key on the ticket row: a copy of the account's name (filled by
0010). A database default, so that a server still running the code before it can add tickets."""

from django.db import migrations, models

# SQLite adds a column by copying the table to a new one, whose ids' counter starts from the
# highest id copied: a deleted ticket's id could be given again, and with no ticket left the
# eight-digit ids (0004) would start again from 1. The counter is read before and put back.
TABLE = "forticare_ticket"
_sqlite_counter = {}


def remember_id_counter(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [TABLE])
            row = cursor.fetchone()
            _sqlite_counter[TABLE] = row[0] if row else None


def restore_id_counter(apps, schema_editor):
    last = _sqlite_counter.pop(TABLE, None)
    if schema_editor.connection.vendor == "sqlite" and last is not None:
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [TABLE])
            cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [TABLE, last])


class Migration(migrations.Migration):
    dependencies = [("forticare", "0008_bug_search_text")]

    operations = [
        # Backwards the column goes the same way: each step's reverse is the other step.
        migrations.RunPython(remember_id_counter, restore_id_counter),
        migrations.AddField(
            model_name="ticket",
            name="company_name",
            field=models.CharField(db_default="", default="", editable=False, max_length=200),
        ),
        migrations.RunPython(restore_id_counter, remember_id_counter),
    ]
