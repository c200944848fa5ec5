"""The shape of a bulk import command (``manage.py import_bugs``, ``import_advisories``): every
row checked, the bad ones listed by line on stderr, nothing imported from a bad file unless
``--skip-invalid``."""

from django.core.management.base import BaseCommand, CommandError


class ImportCommand(BaseCommand):
    """``load(path, skip_invalid=)`` returns a report with ``errors`` (lines of text) and
    ``imported``, and ``unreadable`` when the file could not be read as a whole; ``done(report)``
    is the success line."""

    def load(self, path, *, skip_invalid: bool):
        raise NotImplementedError

    def done(self, report) -> str:
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Import the good rows of a bad file."
        )

    def handle(self, *args, file, skip_invalid=False, **options):
        try:
            report = self.load(file, skip_invalid=skip_invalid)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        for line in report.errors:
            self.stderr.write(line)
        if getattr(report, "unreadable", False):
            raise CommandError("Nothing was imported.")
        if report.errors and not skip_invalid:
            raise CommandError(
                f"{len(report.errors)} invalid rows: nothing was imported "
                "(fix them, or use --skip-invalid)."
            )
        self.stdout.write(self.style.SUCCESS(self.done(report)))
