"""Organizations (seed 002): a root account, its tree of organizational units (OUs) and its
member accounts. Creating an organization is what turns an account's IAM to advanced mode."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from ..permissions import Portal
from .account import Account

# How deep OUs may nest below the root (an OU directly under the root is at depth 1).
MAX_OU_DEPTH = 5


class Organization(models.Model):
    root = models.OneToOneField(Account, on_delete=models.CASCADE, related_name="organization")
    name = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.name


class UnitQuerySet(models.QuerySet):
    def visible_to(self, access):
        """The OUs of the access's organization (its account the root), for those with the
        Organization portal; none otherwise (fails closed)."""
        if access is None or access.account is None or not access.can(Portal.ORGANIZATION):
            return self.none()
        units = self.filter(organization__root=access.account)
        from ..organization_access import managed_ou_paths, within_paths

        paths = managed_ou_paths(access)
        return units if paths is None else units.filter(within_paths("path", paths))


class OrganizationalUnit(models.Model):
    """An OU. ``path`` lists its ancestors' ids and its own ("/3/7/"), so a subtree is one
    ``path__startswith`` (as asset folders do)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="units")
    # RESTRICT, not PROTECT: an OU with OUs or members cannot go, unless the whole
    # organization goes (its root account deleted), which takes them all.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.RESTRICT, related_name="children"
    )
    name = models.CharField(max_length=100)
    path = models.CharField(max_length=1000, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(editable=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        constraints = [
            # Sibling OUs have different names, whatever the case (top level and below).
            models.UniqueConstraint(
                "organization",
                "parent",
                Lower("name"),
                name="ou_name_unique_among_siblings",
                condition=Q(parent__isnull=False),
            ),
            models.UniqueConstraint(
                "organization",
                Lower("name"),
                name="ou_name_unique_at_top",
                condition=Q(parent__isnull=True),
            ),
        ]

    def __str__(self):
        return self.name


class MemberQuerySet(models.QuerySet):
    def visible_to(self, access):
        """The members of the access's organization (its account the root), for those with
        the Organization portal; none otherwise (fails closed)."""
        if access is None or access.account is None or not access.can(Portal.ORGANIZATION):
            return self.none()
        members = self.filter(organization__root=access.account)
        from ..organization_access import managed_ou_paths, within_paths

        paths = managed_ou_paths(access)
        return members if paths is None else members.filter(within_paths("unit__path", paths))


class OrganizationMember(models.Model):
    """A member account of an organization, in one OU (None: directly under the root). The
    one-to-one account makes "a member of at most one organization" a database rule."""

    account = models.OneToOneField(Account, on_delete=models.CASCADE, related_name="membership")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="members")
    unit = models.ForeignKey(
        OrganizationalUnit, null=True, blank=True, on_delete=models.RESTRICT, related_name="members"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    objects = MemberQuerySet.as_manager()

    def __str__(self):
        return f"{self.account} in {self.organization}"


class MemberInvitation(models.Model):
    """An invitation for an existing account to join the organization as a member, in ``unit``.
    Like a Partner role token: random, shown once, kept only as a hash, 5 days, single use;
    only the invited account's owner can accept it, in their own portal."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        OrganizationalUnit, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation of {self.account_id} to {self.organization}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
