"""PostgreSQL only: statistics of which firmware codes each product model's units have.

An advisory's units (the Product List's advisory filter) are a product model and a range of
firmware codes. Taken as independent, the two looked five times rarer than they are, and
PostgreSQL read every matching unit to sort them (160 ms) instead of reading the list's sort
index until a page was full (tests/perf/HISTORY.md)."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE STATISTICS IF NOT EXISTS asset_model_firmware (mcv, dependencies) "
        "ON product_model_id, firmware_code FROM assets_asset"
    )
    schema_editor.execute("ALTER STATISTICS asset_model_firmware SET STATISTICS 1000")
    schema_editor.execute("ANALYZE assets_asset")  # filled now, not at autovacuum's next turn


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP STATISTICS IF EXISTS asset_model_firmware")


class Migration(migrations.Migration):
    dependencies = [("assets", "0012_advisory_count_whole_index")]

    operations = [migrations.RunPython(create, drop)]
