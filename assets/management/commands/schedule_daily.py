from django.core.management.base import BaseCommand

from assets.renewal_notices import next_run_at, renewal_schedule


class Command(BaseCommand):
    help = "Queue the daily renewal notices run for the worker, unless it is queued already."

    def handle(self, *args, **options):
        from django.utils import timezone

        if renewal_schedule():
            self.stdout.write(f"Renewal notices queued for {next_run_at(timezone.now())}.")
        else:
            self.stdout.write("Renewal notices already queued.")
