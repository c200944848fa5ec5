import datetime
import itertools

import pytest
from django.utils import timezone

from assets.models import Asset, Entitlement, ProductModel
from assets.services import coverage_refresh

_serials = itertools.count(1)
TODAY = timezone.localdate


def make_asset(account, *, folder=None, ends_in=None, model="FGT60F", description="", **fields):
    """An asset of ``account``; ``ends_in`` days of coverage (negative: expired; None: none)."""
    product = ProductModel.objects.get(code=model)
    asset = Asset.objects.create(
        serial_number=f"{product.serial_prefix}{next(_serials):08d}",
        product_model=product,
        description=description or product.name,
        account=account,
        folder=folder,
        registered_on=fields.pop("registered_on", TODAY() - datetime.timedelta(days=100)),
        **fields,
    )
    if ends_in is not None:
        end = TODAY() + datetime.timedelta(days=ends_in)
        Entitlement.objects.create(
            asset=asset,
            service="forticare",
            starts_on=end - datetime.timedelta(days=365),
            ends_on=end,
        )
        coverage_refresh(asset)
    return asset


@pytest.fixture
def asset_factory():
    return make_asset
