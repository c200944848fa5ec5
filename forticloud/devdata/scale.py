"""A large, reproducible data set for benchmarks: partners, connected accounts, assets,
entitlements. PostgreSQL gets COPY; other databases get batched INSERTs."""

import datetime
import random
import sys
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction

from assets.coverage import coverage_recount
from assets.models import Asset, AssetFolder, Entitlement, ProductModel
from forticare.models import Bug, Ticket
from iam.models import Account, PartnerRole, PermissionProfile, User
from partners.models import Partner

from .bulk import Progress, bulk_insert
from .demo_advisories import demo_advisories_ensure, firmware_pick
from .scale_forticare import tickets_and_bugs_generate
from .scale_organization import organization_generate

FIRST_ACCOUNT_ID = 800_000_000
SCALE_PASSWORD = "scale-data-password"  # noqa: S105 (benchmark data on a scratch database)
PARTNER_EMAIL = "partner{n}@scale.test"
STAFF_EMAIL = "staff@scale.test"


@dataclass
class ScaleSpec:
    partners: int = 1
    accounts: int = 1_000
    assets: int = 1_000_000
    entitlements: int = 2_000_000
    seed: int = 42
    tickets: int = 500_000
    bugs: int = 100_000


def root_id(spec: ScaleSpec) -> int:
    """The Account ID of the organization's root account (after the generated accounts)."""
    return FIRST_ACCOUNT_ID + spec.accounts


def scale_data_exists() -> bool:
    return Account.objects.filter(pk__gte=FIRST_ACCOUNT_ID).exists()


def scale_data_delete() -> None:
    """Remove an earlier scale data set with plain DELETEs: the ORM would load millions of
    rows to apply on_delete rules that this generated data never needs."""
    first = FIRST_ACCOUNT_ID
    entitlements, assets = Entitlement._meta.db_table, Asset._meta.db_table
    tickets, bugs = Ticket._meta.db_table, Bug._meta.db_table
    # Table names are our models'; the values are parameters.
    statements = [
        (
            f"DELETE FROM {entitlements} WHERE asset_id IN "  # noqa: S608
            f"(SELECT id FROM {assets} WHERE account_id >= %s)",
            [first],
        ),
        (f"DELETE FROM {assets} WHERE account_id >= %s", [first]),  # noqa: S608
        (f"DELETE FROM {tickets} WHERE account_id >= %s", [first]),  # noqa: S608
        (f"DELETE FROM {bugs} WHERE number >= %s AND number < %s", [3_000_000, 4_000_000]),  # noqa: S608
    ]
    with transaction.atomic():
        with connection.cursor() as cursor:
            for statement, params in statements:
                cursor.execute(statement, params)
        accounts = Account.objects.filter(pk__gte=first)
        PartnerRole.objects.filter(account__in=accounts).delete()
        User.objects.filter(email__endswith="@scale.test").delete()
        AssetFolder.objects.filter(account__in=accounts).update(parent=None)
        AssetFolder.objects.filter(account__in=accounts).delete()
        Partner.objects.filter(company_name__startswith="Scale Partner").delete()
        accounts.delete()


def scale_data_generate(spec: ScaleSpec, out=sys.stdout) -> None:
    rng = random.Random(spec.seed)  # noqa: S311 (reproducible benchmark data, not a secret)
    today = datetime.date.today()
    password = make_password(SCALE_PASSWORD)
    sysadmin = PermissionProfile.objects.get(builtin=PermissionProfile.Builtin.SYSADMIN)
    models = list(ProductModel.objects.order_by("code"))
    account_ids = range(FIRST_ACCOUNT_ID, FIRST_ACCOUNT_ID + spec.accounts)

    with transaction.atomic():
        partners = [
            Partner.objects.create(company_name=f"Scale Partner {n}") for n in range(spec.partners)
        ]
        Account.objects.bulk_create(
            [Account(pk=a, company_name=f"Scale Company {a}") for a in account_ids],
            batch_size=5000,
        )
        User.objects.bulk_create(
            [
                User(kind="owner", email=f"owner{a}@scale.test", account_id=a, password=password)
                for a in account_ids
            ]
            + [
                User(kind="partner", email=PARTNER_EMAIL.format(n=n), partner=p, password=password)
                for n, p in enumerate(partners)
            ]
            + [
                User(
                    kind="staff",
                    email=STAFF_EMAIL,
                    password=password,
                    is_staff=True,
                    is_superuser=True,
                )
            ],
            batch_size=5000,
        )
        PartnerRole.objects.bulk_create(
            [
                PartnerRole(
                    account_id=a,
                    partner=partners[i % len(partners)],
                    name="Scale role",
                    status=PartnerRole.Status.ACTIVE,
                    permission_profile=sysadmin,
                )
                for i, a in enumerate(account_ids)
            ],
            batch_size=5000,
        )
        folders = AssetFolder.objects.bulk_create(
            [
                AssetFolder(account_id=a, name=name)
                for a in account_ids
                for name in ("HQ", "Branches")
            ],
            batch_size=5000,
        )
        for folder in folders:
            folder.path = f"/{folder.pk}/"
        AssetFolder.objects.bulk_update(folders, ["path"], batch_size=5000)
        folders_of = {}
        for folder in folders:
            folders_of.setdefault(folder.account_id, []).append(folder.pk)
        # Every account is also a member of one organization, its root the next account id.
        organization_generate(root_id(spec), account_ids, password)

    first_asset = (Asset.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    per_asset = spec.entitlements / max(spec.assets, 1)
    # Firmware versions from a generator of their own: the rest of the data stays as it was.
    firmware_rng = random.Random(spec.seed + 1)  # noqa: S311 (reproducible benchmark data)
    ends = {}

    def asset_rows():
        for n in range(spec.assets):
            pk = first_asset + n
            account = FIRST_ACCOUNT_ID + n % spec.accounts
            model = models[rng.randrange(len(models))]
            count = int(per_asset) + (1 if rng.random() < per_asset % 1 else 0)
            end = (
                today + datetime.timedelta(days=rng.randint(-700, 900))
                if count
                else datetime.date(1, 1, 1)
            )
            ends[pk] = (count, end)
            yield (
                pk,
                f"{model.serial_prefix}{n:012d}",
                model.pk,
                f"{model.name} #{n % 997}",
                account,
                rng.choice([None, *folders_of[account]]),
                today - datetime.timedelta(days=rng.randint(0, 3000)),
                None,
                end,
                model.name,
                companies[account],
                *firmware_pick(firmware_rng, model.code),
            )

    companies = dict(Account.objects.filter(pk__in=account_ids).values_list("pk", "company_name"))
    fields = [
        "id",
        "serial_number",
        "product_model",
        "description",
        "account",
        "folder",
        "registered_on",
        "decommissioned_at",
        "coverage_ends_on",
        "product_model_name",
        "company_name",
        "firmware_version",
        "firmware_code",
    ]
    with transaction.atomic():
        bulk_insert(Asset, fields, asset_rows(), Progress("assets", spec.assets, out))
    total = sum(count for count, _end in ends.values())

    def entitlement_rows():
        for pk, (count, end) in ends.items():
            for k in range(count):
                stop = end - datetime.timedelta(days=365 * k)
                yield (
                    pk,
                    "forticare" if k == 0 else "fortiguard",
                    stop - datetime.timedelta(days=365),
                    stop,
                    "",
                )

    with transaction.atomic():
        bulk_insert(
            Entitlement,
            ["asset", "service", "starts_on", "ends_on", "contract_number"],
            entitlement_rows(),
            Progress("entitlements", total, out),
        )
    tickets_and_bugs_generate(spec, rng, out, first_account_id=FIRST_ACCOUNT_ID)
    demo_advisories_ensure()  # the Vulnerability List's, counted with the coverage below
    coverage_recount(account_ids)  # the Dashboards' counts (a worker would count them too)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Asset, Entitlement, Ticket, Bug]):
            cursor.execute(sql)
        cursor.execute("ANALYZE")
