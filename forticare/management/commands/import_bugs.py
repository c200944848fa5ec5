from django.core.management.base import BaseCommand, CommandError

from forticare.bugs import IMPORT_FIELDS, bugs_import


class Command(BaseCommand):
    help = (
        "Load bugs for the Bug Tracker from a CSV file with the columns "
        + ", ".join(IMPORT_FIELDS)
        + " (and optionally description). Existing bug numbers are updated."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Import the good rows of a bad file."
        )

    def handle(self, *args, file, skip_invalid=False, **options):
        try:
            report = bugs_import(file, skip_invalid=skip_invalid)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        for line in report.errors:
            self.stderr.write(line)
        if report.errors and not skip_invalid:
            raise CommandError(
                f"{len(report.errors)} invalid rows: nothing was imported "
                "(fix them, or use --skip-invalid)."
            )
        self.stdout.write(self.style.SUCCESS(f"{report.imported} bugs imported."))
