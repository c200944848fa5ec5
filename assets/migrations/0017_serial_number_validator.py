"""A serial number is 10 to 20 letters and digits, in capitals, wherever it is written, the
admin included (Register already held to it): the Product List's search relies on it to
compare a text with other characters with the descriptions alone. No change to the table; the
migration stops while a unit's serial number is of another form, so that none goes unfound."""

import re

import django.core.validators
from django.db import migrations, models


def check_serial_numbers(apps, schema_editor):
    Asset = apps.get_model("assets", "Asset")
    other = Asset.objects.exclude(serial_number__regex=r"^[A-Z0-9]{10,20}$")
    count = other.count()
    if count:
        examples = ", ".join(other.order_by("pk").values_list("serial_number", flat=True)[:5])
        raise RuntimeError(
            "Units whose serial number is not 10 to 20 letters and digits in capitals: "
            f"{count} ({examples}). Correct them (Django admin: Assets) and migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [("assets", "0016_coverage_in_date_indexes")]

    operations = [
        migrations.RunPython(check_serial_numbers, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="asset",
            name="serial_number",
            field=models.CharField(
                max_length=32,
                unique=True,
                validators=[
                    django.core.validators.RegexValidator(
                        re.compile("\\A[A-Z0-9]{10,20}\\Z"),
                        "A serial number is 10 to 20 letters and digits.",
                    )
                ],
                verbose_name="Serial Number",
            ),
        ),
    ]
