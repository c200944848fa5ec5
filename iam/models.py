import secrets

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .permissions import Level, Portal, Resource, ResourceLevel, ScopeType


class AccountScopedQuerySet(models.QuerySet):
    """The one scoping primitive of the IAM portal's rows."""

    def visible_to(self, access):
        """Rows of ``access``'s account if it may see the IAM portal, else none (fails closed)."""
        from .permissions import Level, Portal

        if access is None or access.account is None or not access.can(Portal.IAM, Level.READ_ONLY):
            return self.none()
        return self.filter(self._account_condition(access.account))

    def _account_condition(self, account):
        return Q(account=account)


class ProfileQuerySet(AccountScopedQuerySet):
    def _account_condition(self, account):
        return Q(account=account) | Q(account__isnull=True)  # the built-ins are everyone's


def _scope_folder_field(related_name):
    """The Local permission scope: this asset folder and below. Empty means all of My Assets."""
    return models.ForeignKey(
        "assets.AssetFolder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
        help_text="Local scope: this asset folder and everything below it. Empty: My Assets.",
    )


def new_account_id():
    return 1_000_000 + secrets.randbelow(9_000_000)


alias_validator = RegexValidator(
    r"^[a-z][a-z0-9-]{2,62}$",
    "An alias is 3 to 63 lowercase letters, digits or hyphens and starts with a letter.",
)


class Account(models.Model):
    """A FortiCloud account: the tenant everything a customer owns hangs off."""

    class Kind(models.TextChoices):
        NON_OU = "non_ou", "Non-OU Account"
        ROOT = "root", "Root Account"
        MEMBER = "member", "Member Account"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        SUSPENDED = "suspended", "Suspended"

    # The public Account ID is the primary key: it is what people type and what URLs carry.
    id = models.PositiveBigIntegerField("Account ID", primary_key=True, default=new_account_id)
    alias = models.CharField(
        max_length=63, unique=True, null=True, blank=True, validators=[alias_validator]
    )
    company_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind, default=Kind.NON_OU)
    status = models.CharField(max_length=16, choices=Status, default=Status.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["company_name", "id"]
        indexes = [models.Index(fields=["company_name", "id"])]

    def __str__(self):
        return f"{self.company_name} ({self.id})"

    def save(self, *args, **kwargs):
        self.alias = self.alias or None  # blank aliases must not collide on the unique index
        super().save(*args, **kwargs)


class UserManager(BaseUserManager.from_queryset(AccountScopedQuerySet)):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(kind__in=User.EMAIL_LOGIN_KINDS, email__iexact=username)

    def create_user(self, *, kind, password=None, email="", **fields):
        user = self.model(kind=kind, email=self.normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(kind=User.Kind.STAFF, email=email, password=password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A login identity. Owners, sub users, partner users and staff log in by email; IAM users
    by account + username; API users never get a browser session."""

    class Kind(models.TextChoices):
        OWNER = "owner", "Account owner"
        IAM = "iam", "IAM user"
        SUB = "sub", "Sub user"
        PARTNER = "partner", "Partner user"
        API = "api", "API user"
        STAFF = "staff", "Fortinet staff"

    EMAIL_LOGIN_KINDS = (Kind.OWNER, Kind.SUB, Kind.PARTNER, Kind.STAFF)
    ACCOUNT_KINDS = (Kind.OWNER, Kind.IAM, Kind.SUB, Kind.API)

    kind = models.CharField(max_length=16, choices=Kind)
    email = models.EmailField(blank=True)
    username = models.CharField(
        max_length=64,
        blank=True,
        help_text="IAM login name, unique within the account.",
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$",
                "Use letters, digits and . _ @ + - only, starting with a letter or digit.",
            )
        ],
    )
    full_name = models.CharField(max_length=150, blank=True)
    description = models.CharField(max_length=255, blank=True)
    account = models.ForeignKey(
        Account, null=True, blank=True, on_delete=models.CASCADE, related_name="users"
    )
    # IAM users: their own profile and scope, replaced by their group's while they are in one.
    permission_profile = models.ForeignKey(
        "PermissionProfile", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    scope_folder = _scope_folder_field("scoped_users")
    user_group = models.ForeignKey(
        "UserGroup", null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    # Legacy sub users: full or limited access (seed 001).
    legacy_access = models.CharField(
        max_length=8,
        blank=True,
        choices=[("full", "Full Access"), ("limited", "Limited Access")],
    )
    partner = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.CASCADE, related_name="users"
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # Where to offer to continue after the next login: "a-<account id>" or "partner".
    last_context = models.CharField(max_length=32, blank=True)
    # Part of the session hash: raising it ends every session of the user (disable, revoke).
    session_epoch = models.PositiveIntegerField(default=0, editable=False)
    # Principals created by a partner acting through a Partner role: revoked with the role.
    created_through_role = models.ForeignKey(
        "PartnerRole",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="created_principals",
        help_text="The Partner role of the partner who created this user; disabling or "
        "deleting the role disables the user.",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=Q(kind__in=["owner", "sub", "partner", "staff"]),
                name="unique_login_email",
                violation_error_message="A user with this email already exists.",
            ),
            models.UniqueConstraint(
                "account",
                Lower("username"),
                condition=Q(kind="iam"),
                name="unique_iam_username_per_account",
                violation_error_message="This username is already used in the account.",
            ),
            models.UniqueConstraint(
                "account",
                condition=Q(kind="owner"),
                name="one_owner_per_account",
                violation_error_message="The account already has an owner.",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind__in=["owner", "iam", "sub", "api"], account__isnull=False)
                    | ~Q(kind__in=["owner", "iam", "sub", "api"])
                ),
                name="account_users_have_an_account",
            ),
            models.CheckConstraint(
                condition=Q(kind="partner", partner__isnull=False) | ~Q(kind="partner"),
                name="partner_users_have_a_partner",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["owner", "sub", "partner", "staff"], email=""),
                name="email_login_users_have_an_email",
            ),
            models.CheckConstraint(
                condition=~Q(kind="iam", username=""), name="iam_users_have_a_username"
            ),
            models.CheckConstraint(
                condition=Q(kind="iam") | Q(user_group__isnull=True),
                name="only_iam_users_join_groups",
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.IAM:
            return f"{self.username} ({self.account_id})"
        return self.email or self.username

    @property
    def display_name(self):
        return self.full_name or self.email or self.username

    def get_session_auth_hash(self):
        """Django's hash of the password, salted with the session epoch: raising the epoch
        makes every open session of the user fail verification on its next request."""
        return salted_hmac(
            "iam.User.get_session_auth_hash",
            f"{self.password}:{self.session_epoch}",
            algorithm="sha256",
        ).hexdigest()


class PartnerRole(models.Model):
    """The connection that lets a Partner act in a customer account. At most one per account.

    The Partner role issue adds the invitation token and the pages."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACTIVE = "active", "Active"
        DISABLED = "disabled", "Disabled"

    account = models.OneToOneField(Account, on_delete=models.CASCADE, related_name="partner_role")
    partner = models.ForeignKey(
        "partners.Partner",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="roles",
    )
    name = models.CharField("Partner Role Name", max_length=100)
    description = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=16, choices=Status, default=Status.PENDING)
    scope_type = models.CharField(max_length=16, choices=ScopeType, default=ScopeType.LOCAL)
    permission_profile = models.ForeignKey(
        "PermissionProfile",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partner_roles",
    )
    scope_folder = _scope_folder_field("scoped_partner_roles")
    created_at = models.DateTimeField(default=timezone.now)
    connected_at = models.DateTimeField(null=True, blank=True)
    # The invitation token: only its SHA-256 is kept; consumed by the first successful connect.
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    # The hash of the token that connected the role, so a late duplicate of the same Accept
    # is told "just used" and is not counted as a wrong token by the throttle.
    used_token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    token_used_at = models.DateTimeField(null=True, blank=True)
    notification_email = models.EmailField("Notification Email", blank=True)

    objects = AccountScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="active", partner__isnull=True),
                name="active_partner_role_has_a_partner",
            )
        ]
        indexes = [models.Index(fields=["partner", "status"])]

    def __str__(self):
        return f"{self.name} ({self.account_id})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def token_valid(self) -> bool:
        return bool(
            self.token_hash and self.token_expires_at and self.token_expires_at > timezone.now()
        )


class LegacyPartnerConnection(models.Model):
    """A partner connected the legacy way, through a master or sub user of the account.

    Minimal until the legacy sub-user issue: enough to disconnect full-access connections and
    to refuse a Partner role while a limited one exists (seed 000)."""

    class Access(models.TextChoices):
        MASTER = "master", "Master user"
        FULL = "full", "Sub user, full access"
        LIMITED = "limited", "Sub user, limited access"

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="legacy_partner_connections"
    )
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.CASCADE, related_name="legacy_connections"
    )
    access = models.CharField(max_length=8, choices=Access)
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    connected = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    disconnected_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["account", "partner"],
                condition=Q(connected=True),
                name="one_live_legacy_connection_per_partner",
            )
        ]

    def __str__(self):
        return f"{self.partner} → {self.account_id} ({self.get_access_display()})"


def _level_field(label):
    return models.PositiveSmallIntegerField(label, choices=Level, default=Level.NONE)


def _resource_field(label):
    return models.PositiveSmallIntegerField(
        label, choices=ResourceLevel, default=ResourceLevel.NO_ACCESS
    )


class PermissionProfile(models.Model):
    """Per portal an access level, and per Asset Management resource a level.

    Built-in profiles have no account and appear, read-only, in every account."""

    class Builtin(models.TextChoices):
        SYSADMIN = "sysadmin", "SysAdmin"
        FULL_ACCESS = "full_access", "Full Access"
        NO_ACCESS = "no_access", "No Access"

    account = models.ForeignKey(
        Account,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="permission_profiles",
    )
    builtin = models.CharField(max_length=16, choices=Builtin, blank=True)
    name = models.CharField(max_length=64)
    description = models.CharField(max_length=255, blank=True)
    type = models.CharField(
        "Select a Type", max_length=16, choices=ScopeType, default=ScopeType.LOCAL
    )
    # One column per portal; the column name is the Portal value.
    asset_management = _level_field(Portal.ASSET_MANAGEMENT.label)
    forticare = _level_field(Portal.FORTICARE.label)
    iam = _level_field(Portal.IAM.label)
    organization = _level_field(Portal.ORGANIZATION.label)
    ela = _level_field(Portal.ELA.label)
    fortigate_cloud = _level_field(Portal.FORTIGATE_CLOUD.label)
    # One column per Asset Management resource; the column name is the Resource value.
    entitlement_management = _resource_field(Resource.ENTITLEMENT_MANAGEMENT.label)
    asset_maintenance = _resource_field(Resource.ASSET_MAINTENANCE.label)
    renewal_notice = _resource_field(Resource.RENEWAL_NOTICE.label)
    vulnerability_list = _resource_field(Resource.VULNERABILITY_LIST.label)
    account_services = _resource_field(Resource.ACCOUNT_SERVICES.label)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        ordering = ["account_id", "name"]
        constraints = [
            models.UniqueConstraint(
                "account",
                Lower("name"),
                name="unique_profile_name_per_account",
                violation_error_message="A permission profile with this name already exists.",
            ),
            models.UniqueConstraint(
                fields=["builtin"], condition=~Q(builtin=""), name="one_row_per_builtin_profile"
            ),
            models.CheckConstraint(
                condition=Q(account__isnull=True, builtin__gt="")
                | Q(account__isnull=False, builtin=""),
                name="builtin_profiles_have_no_account",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_builtin(self):
        return self.account_id is None

    def portal_levels(self) -> dict[str, Level]:
        return {portal: Level(getattr(self, portal.value)) for portal in Portal}

    def resource_levels(self) -> dict[str, ResourceLevel]:
        return {r: ResourceLevel(getattr(self, r.value)) for r in Resource}


class UserGroup(models.Model):
    """IAM users in a group act with the group's profile and scope instead of their own."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="user_groups")
    name = models.CharField(max_length=64)
    description = models.CharField(max_length=255, blank=True)
    permission_profile = models.ForeignKey(
        PermissionProfile, on_delete=models.PROTECT, related_name="user_groups"
    )
    scope_folder = _scope_folder_field("scoped_groups")
    created_at = models.DateTimeField(default=timezone.now)

    objects = AccountScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "account",
                Lower("name"),
                name="unique_group_name_per_account",
                violation_error_message="A user group with this name already exists.",
            )
        ]

    def __str__(self):
        return self.name


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
        return f"{self.actor_label} {self.action} {self.target_label}"


class LoginFailure(models.Model):
    """One failed login, kept for the throttle window (see iam.throttle)."""

    login = models.CharField(max_length=320)
    ip_address = models.GenericIPAddressField()
    # The nonce of the device cookie the failing browser presented (a browser that logged in
    # as ``login`` before), empty for an unknown browser.
    device = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["login", "created_at"]),
            models.Index(fields=["device", "created_at"]),
            models.Index(fields=["ip_address", "created_at"]),
        ]

    def __str__(self):
        return f"{self.login} from {self.ip_address}"
