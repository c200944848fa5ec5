"""Demo assets: a few dozen per customer, across models and folders, with expired, expiring,
covered and uncovered units like the seed's example rows. Deterministic per account."""

import datetime
import random

from django.utils import timezone

from assets.models import Asset, AssetFolder, ContractCode, Entitlement, ProductModel
from assets.services import coverage_refresh

FOLDERS = ["Branch Offices", "Data Center", "Lab"]
DEMO_CONTRACT_CODES = ["FCDEMO0001", "FCDEMO0002", "FCDEMO0003"]


def demo_assets_ensure(account, count: int = 36) -> None:
    if Asset.objects.filter(account=account).exists():
        return
    rng = random.Random(account.pk)  # noqa: S311 (repeatable demo data, not a secret)
    today = timezone.localdate()
    folders = [
        AssetFolder.objects.filter(account=account, parent=None, name=name).first()
        or AssetFolder.objects.create(account=account, name=name)
        for name in FOLDERS
    ]
    models = list(ProductModel.objects.order_by("code"))
    for n in range(count):
        model = models[n % len(models)]
        asset = Asset.objects.create(
            serial_number=f"{model.serial_prefix}{account.pk % 100000:05d}{n:04d}",
            product_model=model,
            description=model.name,
            account=account,
            folder=rng.choice([None, *folders]),
            registered_on=today - datetime.timedelta(days=rng.randint(200, 2000)),
        )
        kind = n % 4  # expired, expiring soon, covered, no coverage
        if kind == 3:
            continue
        ends = {
            0: today - datetime.timedelta(days=rng.randint(1, 400)),
            1: today + datetime.timedelta(days=rng.randint(5, 85)),
            2: today + datetime.timedelta(days=rng.randint(120, 900)),
        }[kind]
        Entitlement.objects.create(
            asset=asset,
            service=Entitlement.Service.FORTICARE,
            starts_on=ends - datetime.timedelta(days=365),
            ends_on=ends,
            contract_number=f"C{account.pk}{n:04d}",
        )
        if kind == 2:
            Entitlement.objects.create(
                asset=asset,
                service=Entitlement.Service.FORTIGUARD,
                starts_on=ends - datetime.timedelta(days=365),
                ends_on=ends - datetime.timedelta(days=30),
            )
        coverage_refresh(asset)


def demo_contract_codes_ensure() -> str:
    """Unused contract registration codes for the Register page; returns one still unused."""
    for code in DEMO_CONTRACT_CODES:
        ContractCode.objects.get_or_create(
            code=code, defaults={"service": Entitlement.Service.FORTICARE, "months": 12}
        )
    unused = ContractCode.objects.filter(
        code__in=DEMO_CONTRACT_CODES, redeemed_by__isnull=True
    ).first()
    return unused.code if unused else "(all demo codes used)"
