from django.core.management.base import BaseCommand

from assets.renewal_notices import renewal_notices_send
from iam.services.role_schedule import partner_role_reminders_run


class Command(BaseCommand):
    help = (
        "The daily run, for cron (the worker runs it daily too): Partner role reminders and "
        "ends, then today's renewal notice digests."
    )

    def handle(self, *args, **options):
        roles = partner_role_reminders_run()
        self.stdout.write(f"{roles} Partner role(s) reminded or ended.")
        written = renewal_notices_send()
        self.stdout.write(f"{written} renewal digest(s) written to the outbox.")
