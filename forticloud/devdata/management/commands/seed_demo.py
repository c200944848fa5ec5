from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from forticloud.devdata.demo import seed_demo


class Command(BaseCommand):
    help = "Create or refresh the demo accounts, partner and users (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DJANGO_DEBUG off (demo users have a known password).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Refusing to create demo users with DJANGO_DEBUG off; use --force.")
        logins = seed_demo(settings.DEMO_PASSWORD)
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Log in at /login/ with:"))
        width = max(len(what) for what, _how in logins)
        for what, how in logins:
            self.stdout.write(f"  {what.ljust(width)}  {how}")
        self.stdout.write(f"  Password for every demo user: {settings.DEMO_PASSWORD}")
