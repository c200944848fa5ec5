from django.core.management.base import BaseCommand, CommandError

from assets.advisory_import import FIELDS, advisories_import


class Command(BaseCommand):
    help = (
        "Load PSIRT advisories for the Vulnerability List from a CSV file (or a JSON list of "
        "objects) with the fields " + ", ".join(FIELDS) + ". Existing advisory IDs are "
        "updated, their affected ranges replaced."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Import the good rows of a bad file."
        )

    def handle(self, *args, file, skip_invalid=False, **options):
        try:
            report = advisories_import(file, skip_invalid=skip_invalid)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        for line in report.errors:
            self.stderr.write(line)
        if report.unreadable:
            raise CommandError("Nothing was imported.")
        if report.errors and not skip_invalid:
            raise CommandError(
                f"{len(report.errors)} invalid rows: nothing was imported "
                "(fix them, or use --skip-invalid)."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.imported} advisories imported; the counts of "
                f"{report.recounted_accounts} accounts will be updated."
            )
        )
