"""A serial number is 10 to 20 letters and digits wherever it is written, the admin included
(Register already held to it): the Product List's search relies on it to compare a text with
other characters only with the descriptions. No change to the table."""

import re

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("assets", "0016_coverage_in_date_indexes")]

    operations = [
        migrations.AlterField(
            model_name="asset",
            name="serial_number",
            field=models.CharField(
                max_length=32,
                unique=True,
                validators=[
                    django.core.validators.RegexValidator(
                        re.compile("^[A-Z0-9]{10,20}$"),
                        "A serial number is 10 to 20 letters and digits.",
                    )
                ],
                verbose_name="Serial Number",
            ),
        ),
    ]
