from django.core.management.base import BaseCommand

from partners.services import legacy_connections_migrate


class Command(BaseCommand):
    help = (
        "Turn legacy partner connections (master or full-access sub user) into Partner roles "
        "with the SysAdmin profile. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report only, change nothing.")

    def handle(self, *args, dry_run=False, **options):
        report = legacy_connections_migrate(dry_run=dry_run)
        if not report:
            self.stdout.write("No legacy partner connection left to migrate.")
        for connection, outcome in report:
            self.stdout.write(f"{connection}: {outcome}")
        migrated = sum(1 for _c, outcome in report if outcome.startswith("migrated"))
        self.stdout.write(self.style.SUCCESS(f"{migrated} migrated, {len(report) - migrated} not."))
