"""Portals, access levels, Asset Management resources and the seed 001 permission matrix."""

from django.db import models


class Portal(models.TextChoices):
    ASSET_MANAGEMENT = "asset_management", "Asset Management"
    FORTICARE = "forticare", "FortiCare"
    IAM = "iam", "Identity & Access Management"
    ORGANIZATION = "organization", "Organization"
    ELA = "ela", "ELA"
    FORTIGATE_CLOUD = "fortigate_cloud", "FortiGate Cloud"


# Portals a Partner role may use (seed 000); the others show as "Not Supported" for a role.
PARTNER_ROLE_PORTALS = frozenset({Portal.ASSET_MANAGEMENT, Portal.FORTICARE, Portal.IAM})


class Level(models.IntegerChoices):
    NONE = 0, "None"
    READ_ONLY = 1, "Read Only"
    READ_WRITE = 2, "Read/Write"
    ADMIN = 3, "Admin"


class Resource(models.TextChoices):
    """Asset Management is resource-based: each resource has its own level."""

    ENTITLEMENT_MANAGEMENT = "entitlement_management", "Entitlement Management"
    ASSET_MAINTENANCE = "asset_maintenance", "Asset Maintenance"
    RENEWAL_NOTICE = "renewal_notice", "Renewal Notice"
    VULNERABILITY_LIST = "vulnerability_list", "Vulnerability List"
    ACCOUNT_SERVICES = "account_services", "Account Services"


class ResourceLevel(models.IntegerChoices):
    NO_ACCESS = 0, "No Access"
    READ_ONLY = 1, "Read Only"
    READ_WRITE = 2, "Read-Write"


class AssetAction(models.TextChoices):
    """The rows of the seed 001 matrix."""

    VIEW = "view", "View Product List, My Assets, and Asset views"
    REGISTER = "register", "Register new products, contracts or licenses"
    MANAGE = "manage", "Manage asset folders, move, and decommission units"
    VIEW_ENTITLEMENTS = "view_entitlements", "View account service entitlements and contracts"
    RENEW = "renew", "View and renew eligible units for online renewals"


# The least Asset Management level each action needs (seed 001: Admin, Read/Write, Read Only).
ASSET_MANAGEMENT_MATRIX = {
    AssetAction.VIEW: Level.READ_ONLY,
    AssetAction.REGISTER: Level.READ_WRITE,
    AssetAction.MANAGE: Level.READ_WRITE,
    AssetAction.VIEW_ENTITLEMENTS: Level.READ_WRITE,
    AssetAction.RENEW: Level.ADMIN,
}


class ScopeType(models.TextChoices):
    LOCAL = "local", "Local"
    ORGANIZATION = "organization", "Organization"


EVERYTHING = {portal: Level.ADMIN for portal in Portal}
ALL_RESOURCES = {resource: ResourceLevel.READ_WRITE for resource in Resource}


def partner_role_grants(profile) -> list[tuple[str, str]]:
    """What a profile grants a Partner role, portal by portal: the level, or "Not Supported"
    for a granted portal that Partner roles cannot use (seed 000). No profile, nothing."""
    if profile is None:
        return []
    portal_levels = profile.portal_levels()
    return [
        (portal.label, Level(level).label if portal in PARTNER_ROLE_PORTALS else "Not Supported")
        for portal, level in portal_levels.items()
        if level
    ]
