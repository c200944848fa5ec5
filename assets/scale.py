"""A large, reproducible data set for benchmarks: partners, connected accounts, assets,
entitlements. PostgreSQL gets COPY; other databases get batched INSERTs."""

import datetime
import random
import sys
import time
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction

from iam.models import Account, PartnerRole, PermissionProfile, User
from partners.models import Partner

from .models import Asset, AssetFolder, Entitlement, ProductModel

FIRST_ACCOUNT_ID = 800_000_000
SCALE_PASSWORD = "scale-data-password"  # noqa: S105 (benchmark data on a scratch database)
PARTNER_EMAIL = "partner{n}@scale.test"
STAFF_EMAIL = "staff@scale.test"
BATCH = 20_000


@dataclass
class ScaleSpec:
    partners: int = 1
    accounts: int = 1_000
    assets: int = 1_000_000
    entitlements: int = 2_000_000
    seed: int = 42
    tickets: int = 500_000
    bugs: int = 100_000


class Progress:
    def __init__(self, label, total, out):
        self.label, self.total, self.out, self.done = label, total, out, 0
        self.started = time.monotonic()

    def step(self, count):
        self.done += count
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        self.out.write(
            f"\r{self.label:<13} [{'#' * filled}{'.' * (width - filled)}] "
            f"{self.done:>10,}/{self.total:,} {rate:,.0f}/s"
        )
        self.out.flush()
        if self.done >= self.total:
            self.out.write("\n")


def _insert(model, fields, rows, progress):
    """Insert tuples of ``fields`` into ``model``'s table in batches."""
    table = model._meta.db_table
    columns = [model._meta.get_field(name).column for name in fields]
    batch = []

    def flush():
        if not batch:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
            else:
                # Table and column names come from our models, values are parameters.
                marks = ", ".join(["%s"] * len(columns))
                insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(insert, batch)
        progress.step(len(batch))
        batch.clear()

    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            flush()
    flush()


def scale_data_exists() -> bool:
    return Account.objects.filter(pk__gte=FIRST_ACCOUNT_ID).exists()


def scale_data_delete() -> None:
    """Remove an earlier scale data set with plain DELETEs: the ORM would load millions of
    rows to apply on_delete rules that this generated data never needs."""
    first = FIRST_ACCOUNT_ID
    entitlements, assets = Entitlement._meta.db_table, Asset._meta.db_table
    tickets, bugs = _ticket_model()._meta.db_table, _bug_model()._meta.db_table
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

    first_asset = (Asset.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    per_asset = spec.entitlements / max(spec.assets, 1)
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
            )

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
    ]
    with transaction.atomic():
        _insert(Asset, fields, asset_rows(), Progress("assets", spec.assets, out))
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
        _insert(
            Entitlement,
            ["asset", "service", "starts_on", "ends_on", "contract_number"],
            entitlement_rows(),
            Progress("entitlements", total, out),
        )
    _tickets_and_bugs(spec, rng, out)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(
            no_style(), [Asset, Entitlement, _ticket_model(), _bug_model()]
        ):
            cursor.execute(sql)
        cursor.execute("ANALYZE")


# FortiCare is loaded by name: assets never imports forticare (design, dependency direction).
def _ticket_model():
    from django.apps import apps

    return apps.get_model("forticare", "Ticket")


def _bug_model():
    from django.apps import apps

    return apps.get_model("forticare", "Bug")


def _tickets_and_bugs(spec: ScaleSpec, rng, out) -> None:
    now = datetime.datetime.now(datetime.UTC)
    ticket, bug = _ticket_model(), _bug_model()
    first = (ticket.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    types = ["customer_service", "technical_support", "rma", "licensing"]

    def ticket_rows():
        for n in range(spec.tickets):
            created = now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 900))
            closed = created + datetime.timedelta(days=rng.randint(1, 20)) if n % 3 else None
            yield (
                first + n,
                FIRST_ACCOUNT_ID + n % spec.accounts,
                f"Issue {n % 9973} with network connectivity",
                "Generated for the benchmark.",
                types[n % 4],
                3,
                "closed" if closed else "open",
                "customer",
                "all",
                "scale",
                created,
                closed,
            )

    fields = [
        "id", "account", "subject", "description", "request_type", "priority", "status",
        "ticket_type", "visibility", "creator_label", "created_at", "closed_at",
    ]  # fmt: skip
    with transaction.atomic():
        _insert(ticket, fields, ticket_rows(), Progress("tickets", spec.tickets, out))
    existing = set(bug.objects.values_list("number", flat=True))
    projects = ["FortiOS", "FortiManager", "FortiAnalyzer", "FortiAP", "FortiSwitch"]
    statuses = ["new", "acknowledged", "assigned", "resolved", "closed"]

    def bug_rows():
        for n in range(spec.bugs):
            number = 3_000_000 + n
            if number in existing:
                continue
            yield (
                number,
                "",
                projects[n % 5],
                f"7.{n % 7}.{n % 13}-{1000 + n % 3000}",
                statuses[n % 5],
                f"B{n}: =SUM(A1) style summary {n % 4999} on {projects[n % 5]}",
                "",
            )

    bug_fields = [
        "number", "category", "project", "known_fixed_releases", "status", "summary",
        "description",
    ]  # fmt: skip
    with transaction.atomic():
        _insert(bug, bug_fields, bug_rows(), Progress("bugs", spec.bugs, out))
