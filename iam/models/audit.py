"""The audit log."""

from django.db import models
from django.utils import timezone

from .account import Account
from .scoping import AccountScopedQuerySet
from .user import User

# What each recorded action reads as, on the Audit Log and in a role's history.
ACTION_LABELS = {
    "iam_user.create": "IAM user created",
    "iam_user.update": "IAM user updated",
    "iam_user.disable": "IAM user disabled",
    "iam_user.enable": "IAM user enabled",
    "iam_user.delete": "IAM user deleted",
    "profile.create": "Permission profile created",
    "profile.update": "Permission profile updated",
    "profile.delete": "Permission profile deleted",
    "group.create": "User group created",
    "group.update": "User group updated",
    "group.delete": "User group deleted",
    "partner_role.create": "Partner role created",
    "partner_role.token_issue": "Token issued",
    "partner_role.token_regenerate": "Token regenerated",
    "partner_role.update": "Partner role updated",
    "partner_role.connect": "Partner connected",
    "partner_role.notification_email": "Notification Email changed",
    "partner_role.disconnect": "Partner disconnected",
    "partner_role.disable": "Partner role disabled",
    "partner_role.enable": "Partner role enabled",
    "partner_role.delete": "Partner role deleted",
    "partner_role.partner_status": "Partner's status changed",
    "partner_role.migrate": "Partner role made from a legacy connection",
    "legacy_connection.disconnect": "Legacy partner connection disconnected",
    "login.locked": "Login locked after failed attempts",
    "organization.create": "Organization created (IAM in advanced mode)",
    "ou.create": "OU created",
    "ou.rename": "OU renamed",
    "ou.move": "OU moved",
    "ou.delete": "OU deleted",
    "organization.member_invite": "Account invited to the organization",
    "organization.invitation_cancel": "Invitation cancelled",
    "organization.member_join": "Account joined the organization",
    "organization.member_create": "Member account created",
    "organization.member_move": "Member account moved to another OU",
    "organization.member_remove": "Member account removed from the organization",
    "api_user.create": "API user created",
    "api_user.update": "API user updated",
    "api_user.secret_regenerate": "API user's secret regenerated",
    "api_user.disable": "API user disabled",
    "api_user.enable": "API user enabled",
    "api_user.delete": "API user deleted",
    "identity_provider.create": "Identity provider set up",
    "identity_provider.update": "Identity provider changed",
    "idp_role.create": "External IdP role created",
    "idp_role.update": "External IdP role updated",
    "idp_role.disable": "External IdP role disabled",
    "idp_role.enable": "External IdP role enabled",
    "idp_role.delete": "External IdP role deleted",
    "idp_user.login": "Logged in through the identity provider",
    "idp_user.login_refused": "Identity provider login refused (no role)",
    "idp_user.role_choose": "External IdP role chosen",
    "sub_user.create": "Sub user created",
    "sub_user.update": "Sub user updated",
    "sub_user.disable": "Sub user disabled",
    "sub_user.enable": "Sub user enabled",
    "sub_user.delete": "Sub user deleted",
    "sub_user.migrate": "Sub user migrated to an IAM user",
    "asset_groups.update": "Asset groups turned on or off",
    "sub_user_group.create": "User group (sub users) created",
    "sub_user_group.update": "User group (sub users) updated",
    "sub_user_group.delete": "User group (sub users) deleted",
    "product_group.create": "Product group created",
    "product_group.update": "Product group updated",
    "product_group.delete": "Product group deleted",
    "my_account.name": "Name changed (My Account)",
    "my_account.email": "Login email changed (My Account)",
    "my_account.password": "Password changed (My Account)",
    "renewal.request": "Renewal requested",
    "renewal.quote": "Renewal request quoted",
    "renewal.complete": "Renewal request completed (coverage extended)",
    "renewal.cancel": "Renewal request cancelled",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


class AuditEvent(models.Model):
    """Who changed what, acting as whom, in which account, from where. Never edited."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="audit_events")
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=320)
    acting_as = models.CharField(max_length=255)
    action = models.CharField(max_length=64)
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    target_label = models.CharField(max_length=255)
    changes = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = AccountScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["account", "-created_at", "-id"])]

    def __str__(self):
        return f"{self.action_label} by {self.actor_label}: {self.target_label}"

    @property
    def action_label(self) -> str:
        return action_label(self.action)
