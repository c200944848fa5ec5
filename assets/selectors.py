"""Reads of Asset Management."""

from .models import Asset


def asset_list(access, *, decommissioned=False):
    """The units ``access`` sees in the Product List (or Decommissioned Units), unsorted."""
    assets = Asset.objects.visible_to(access)
    return assets.decommissioned() if decommissioned else assets.in_service()
