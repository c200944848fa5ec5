"""PostgreSQL only: trigram index for the Product List's description search (icontains)."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS asset_description_trgm ON assets_asset "
        "USING gin (UPPER(description::text) gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS asset_description_trgm")


class Migration(migrations.Migration):
    dependencies = [("assets", "0003_assets_entitlements")]

    operations = [migrations.RunPython(create, drop)]
