from django.core.management.base import BaseCommand, CommandError

from forticloud.devdata.scale import (
    PARTNER_EMAIL,
    SCALE_PASSWORD,
    STAFF_EMAIL,
    ScaleSpec,
    scale_data_delete,
    scale_data_exists,
    scale_data_generate,
)


class Command(BaseCommand):
    help = "Build a large, reproducible data set for benchmarks (use a scratch database)."

    def add_arguments(self, parser):
        spec = ScaleSpec()
        parser.add_argument("--partners", type=int, default=spec.partners)
        parser.add_argument("--accounts", type=int, default=spec.accounts)
        parser.add_argument("--assets", type=int, default=spec.assets)
        parser.add_argument("--entitlements", type=int, default=spec.entitlements)
        parser.add_argument("--seed", type=int, default=spec.seed)
        parser.add_argument("--tickets", type=int, default=spec.tickets)
        parser.add_argument("--bugs", type=int, default=spec.bugs)
        parser.add_argument("--replace", action="store_true", help="Delete earlier scale data.")

    def handle(
        self, *args, partners, accounts, assets, entitlements, seed, tickets, bugs, replace, **opts
    ):
        if min(partners, accounts) < 1 or min(assets, entitlements) < 0:
            raise CommandError("Use at least one partner and one account.")
        if scale_data_exists():
            if not replace:
                raise CommandError("Scale data exists already; add --replace to rebuild it.")
            scale_data_delete()
        spec = ScaleSpec(partners, accounts, assets, entitlements, seed, tickets, bugs)
        scale_data_generate(spec, out=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"{accounts:,} accounts, {assets:,} assets. Log in as "
                f"{PARTNER_EMAIL.format(n=0)} or {STAFF_EMAIL}, password {SCALE_PASSWORD}."
            )
        )
