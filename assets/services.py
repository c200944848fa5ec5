"""Writes of Asset Management. Each takes the acting access and re-checks the seed 001 matrix,
the resource permissions and the scope, whatever the view already checked."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from iam.access import Access
from iam.permissions import AssetAction, Level, Portal, Resource

from .coverage import coverage_recount_request
from .models import (
    NO_COVERAGE,
    SERIAL,
    SERIAL_MESSAGE,
    Asset,
    AssetFolder,
    ContractCode,
    Entitlement,
    ProductModel,
)
from .versions import firmware_clean


def may_register(access: Access) -> bool:
    """Register products (seed 001: Admin, Read/Write), with Asset Maintenance Read-Write."""
    return access.may(AssetAction.REGISTER) and access.can(
        Portal.ASSET_MANAGEMENT, Level.READ_WRITE, Resource.ASSET_MAINTENANCE
    )


def may_manage(access: Access) -> bool:
    """Folders, moves, decommission and restore (seed 001: Admin, Read/Write)."""
    return access.may(AssetAction.MANAGE) and access.can(
        Portal.ASSET_MANAGEMENT, Level.READ_WRITE, Resource.ASSET_MAINTENANCE
    )


def may_view_entitlements(access: Access) -> bool:
    """Seed 001: Admin, Read/Write; and Entitlement Management at least Read Only."""
    return access.may(AssetAction.VIEW_ENTITLEMENTS) and access.can(
        Portal.ASSET_MANAGEMENT, Level.READ_ONLY, Resource.ENTITLEMENT_MANAGEMENT
    )


def may_register_contracts(access: Access) -> bool:
    return may_register(access) and access.can(
        Portal.ASSET_MANAGEMENT, Level.READ_WRITE, Resource.ENTITLEMENT_MANAGEMENT
    )


def _require(allowed: bool, what: str) -> None:
    if not allowed:
        raise PermissionDenied(f"Your permissions do not allow you to {what}.")


def _require_visible_folder(access: Access, folder) -> None:
    """A folder must be the account's and inside the scope (None is My Assets: scope root)."""
    if folder is None:
        if access.scope_folder is not None:
            raise PermissionDenied("Your permission scope does not include My Assets itself.")
        return
    if not AssetFolder.objects.visible_to(access).filter(pk=folder.pk).exists():
        raise PermissionDenied("That folder is outside your permission scope.")


def coverage_refresh(asset: Asset) -> None:
    latest = asset.entitlements.aggregate(latest=Max("ends_on"))["latest"] or NO_COVERAGE
    Asset.objects.filter(pk=asset.pk).update(coverage_ends_on=latest)
    asset.coverage_ends_on = latest


def serial_clean(serial: str, product_model: ProductModel) -> str:
    """The normalised serial number, or a ValidationError that says what is wrong."""
    serial = serial.strip().upper()
    if not SERIAL.match(serial):
        raise ValidationError(SERIAL_MESSAGE)
    if not serial.startswith(product_model.serial_prefix):
        raise ValidationError(
            f"Serial numbers of the {product_model.name} start with {product_model.serial_prefix}."
        )
    if Asset.objects.filter(serial_number=serial).exists():
        raise ValidationError("This serial number is already registered.")
    return serial


def contract_code_clean(code: str) -> ContractCode | None:
    code = code.strip().upper()
    if not code:
        return None
    contract = ContractCode.objects.filter(code=code).first()
    if contract is None:
        raise ValidationError("This contract registration code is not valid.")
    if contract.redeemed_by_id is not None:
        raise ValidationError("This contract registration code has already been registered.")
    return contract


def asset_register(
    *,
    access: Access,
    serial: str,
    product_model,
    description="",
    folder=None,
    contract_code="",
    firmware_version="",
) -> Asset:
    """Register a product (and a contract code's entitlement). All or nothing."""
    _require(may_register(access), "register products")
    firmware_version = firmware_clean(firmware_version)
    if folder is None and access.scope_folder is not None:
        folder = access.scope_folder  # the form offers the scope's folder as the default
    _require_visible_folder(access, folder)
    serial = serial_clean(serial, product_model)
    contract = contract_code_clean(contract_code)
    if contract is not None:
        _require(may_register_contracts(access), "register contracts")
    try:
        with transaction.atomic():
            asset = Asset.objects.create(
                serial_number=serial,
                product_model=product_model,
                description=description,
                firmware_version=firmware_version,
                account=access.account,
                folder=folder,
                registered_on=timezone.localdate(),
            )
            if contract is not None:
                entitlement_from_contract(asset=asset, contract=contract)
            else:
                coverage_recount_request([asset.account_id])
    except IntegrityError:
        raise ValidationError("This serial number is already registered.") from None
    return asset


def entitlement_from_contract(*, asset: Asset, contract: ContractCode, recount=True) -> Entitlement:
    """Register ``contract`` to ``asset``; ``recount``: ask for the account's coverage counts
    (a caller registering many codes asks once)."""
    with transaction.atomic():
        taken = ContractCode.objects.select_for_update().get(pk=contract.pk)
        if taken.redeemed_by_id is not None:
            raise ValidationError("This contract registration code has already been registered.")
        start = max(timezone.localdate(), asset.coverage_ends_on + timedelta(days=1))
        entitlement = Entitlement.objects.create(
            asset=asset,
            service=contract.service,
            starts_on=start,
            ends_on=start + timedelta(days=30 * contract.months),
            contract_number=contract.code,
        )
        taken.redeemed_by = entitlement
        taken.save(update_fields=["redeemed_by"])
        coverage_refresh(asset)
        if recount:
            coverage_recount_request([asset.account_id])
    return entitlement


def _visible(access: Access, queryset, obj):
    """``obj`` as ``access`` sees it now, locked for the transaction; else the refusal a
    missing one gets (never trust an object a caller hands over)."""
    fresh = queryset.visible_to(access).select_for_update(of=("self",)).filter(pk=obj.pk)
    if not fresh.exists():
        raise PermissionDenied("No such unit or folder.")
    return fresh


@transaction.atomic
def asset_decommission(*, access: Access, asset: Asset) -> None:
    _require(may_manage(access), "decommission units")
    _visible(access, Asset.objects, asset).filter(decommissioned_at__isnull=True).update(
        decommissioned_at=timezone.now()
    )
    coverage_recount_request([asset.account_id])


@transaction.atomic
def asset_restore(*, access: Access, asset: Asset) -> None:
    _require(may_manage(access), "restore units")
    _visible(access, Asset.objects, asset).update(decommissioned_at=None)
    coverage_recount_request([asset.account_id])


@transaction.atomic
def asset_firmware_set(*, access: Access, asset: Asset, version: str) -> Asset:
    """Set the firmware version a unit runs ("" when not known); its advisories follow once
    the account's counts are recounted."""
    _require(may_manage(access), "change units")
    version = firmware_clean(version)
    unit = _visible(access, Asset.objects, asset).get()
    unit.firmware_version = version
    unit.save(update_fields=["firmware_version"])
    coverage_recount_request([unit.account_id])
    return unit


@transaction.atomic
def assets_move(*, access: Access, assets, folder) -> int:
    """Move assets (all visible to ``access``) into ``folder`` (None: My Assets)."""
    _require(may_manage(access), "move units")
    _require_visible_folder(access, folder)
    ids = [asset.pk for asset in assets]
    visible = Asset.objects.visible_to(access).filter(pk__in=ids)
    if visible.count() != len(set(ids)):
        raise PermissionDenied("Some of these units are outside your permission scope.")
    moved = visible.update(folder=folder)
    coverage_recount_request([access.account.pk])
    return moved


@transaction.atomic
def folder_create(*, access: Access, name: str, parent=None) -> AssetFolder:
    _require(may_manage(access), "manage folders")
    _require_visible_folder(access, parent)
    name = name.strip()
    if not name:
        raise ValidationError("Enter a folder name.")
    if AssetFolder.objects.filter(
        account=access.account, parent=parent, name__iexact=name
    ).exists():
        raise ValidationError("A folder with this name already exists here.")
    return AssetFolder.objects.create(account=access.account, parent=parent, name=name)


@transaction.atomic
def folder_rename(*, access: Access, folder: AssetFolder, name: str) -> AssetFolder:
    _require(may_manage(access), "manage folders")
    folder = _visible(access, AssetFolder.objects, folder).get()
    name = name.strip()
    if not name:
        raise ValidationError("Enter a folder name.")
    siblings = AssetFolder.objects.filter(
        account=access.account, parent=folder.parent, name__iexact=name
    ).exclude(pk=folder.pk)
    if siblings.exists():
        raise ValidationError("A folder with this name already exists here.")
    folder.name = name
    folder.save(update_fields=["name"])
    return folder


@transaction.atomic
def folder_delete(*, access: Access, folder: AssetFolder) -> None:
    _require(may_manage(access), "manage folders")
    folder = _visible(access, AssetFolder.objects, folder).get()
    if access.scope_folder is not None and folder.pk == access.scope_folder.pk:
        raise PermissionDenied("You cannot delete the folder your permission scope is.")
    if folder.children.exists() or folder.assets.exists():
        raise ValidationError(
            f"The folder {folder.name} is not empty: move its units and folders out first."
        )
    if (
        folder.scoped_users.exists()
        or folder.scoped_groups.exists()
        or folder.scoped_partner_roles.exists()
        or folder.scoped_idp_roles.exists()
    ):
        raise ValidationError(
            f"The folder {folder.name} is the permission scope of users or roles: change their "
            "scope first."
        )
    folder.delete()
