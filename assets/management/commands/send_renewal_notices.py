from django.core.management.base import BaseCommand

from assets.renewal_notices import renewal_notices_send


class Command(BaseCommand):
    help = "Send today's renewal notice digests (for cron; the worker runs it daily too)."

    def handle(self, *args, **options):
        written = renewal_notices_send()
        self.stdout.write(f"{written} renewal digest(s) written to the outbox.")
