"""Portals and access levels: the vocabulary of every grant."""

from django.db import models


class Portal(models.TextChoices):
    ASSET_MANAGEMENT = "asset_management", "Asset Management"
    FORTICARE = "forticare", "FortiCare"
    IAM = "iam", "Identity & Access Management"
    ORGANIZATION = "organization", "Organization"


class Level(models.IntegerChoices):
    NONE = 0, "None"
    READ_ONLY = 1, "Read Only"
    READ_WRITE = 2, "Read/Write"
    ADMIN = 3, "Admin"


EVERYTHING = {portal: Level.ADMIN for portal in Portal}

# Until permission profiles exist (the IAM issue), a Partner role grants what the built-in
# SysAdmin profile grants: Asset Management, FortiCare and IAM at Admin.
SYSADMIN = {
    Portal.ASSET_MANAGEMENT: Level.ADMIN,
    Portal.FORTICARE: Level.ADMIN,
    Portal.IAM: Level.ADMIN,
}
