"""Login identities: owners, IAM users, sub users, partner users, API users, staff."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .account import Account
from .scoping import AccountScopedQuerySet, scope_folder_field


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
        EXTERNAL = "external", "External IdP user"
        STAFF = "staff", "Fortinet staff"

    EMAIL_LOGIN_KINDS = (Kind.OWNER, Kind.SUB, Kind.PARTNER, Kind.STAFF)
    ACCOUNT_KINDS = (Kind.OWNER, Kind.IAM, Kind.SUB, Kind.API, Kind.EXTERNAL)
    # Who has My Account: every person with a password here (an IAM user's email is only
    # where its mail goes).
    MY_ACCOUNT_KINDS = (*EMAIL_LOGIN_KINDS, Kind.IAM)

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
    # RESTRICT (here, on groups, Partner roles and scope folders): a profile or folder in use
    # cannot be deleted, unless its whole account is (staff deleting an account in admin).
    permission_profile = models.ForeignKey(
        "PermissionProfile", null=True, blank=True, on_delete=models.RESTRICT, related_name="users"
    )
    scope_folder = scope_folder_field("scoped_users")
    # The Organization type (a root account's IAM user with an Organization profile): these
    # OUs and every OU below them; it enters their member accounts (iam.organization_access).
    scope_units = models.ManyToManyField(
        "OrganizationalUnit", blank=True, related_name="scoped_users", verbose_name="OU scope"
    )
    user_group = models.ForeignKey(
        "UserGroup", null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    # Legacy sub users: full or limited access (seed 001).
    legacy_access = models.CharField(
        max_length=8,
        blank=True,
        choices=[("full", "Full Access"), ("limited", "Limited Access")],
    )
    # Full Access sub users with read-only permissions cannot change folders or move units.
    legacy_read_only = models.BooleanField("Read-only", default=False)
    # Limited Access sub users see these units only (and their product groups', iam.sub_users).
    assigned_units = models.ManyToManyField(
        "assets.Asset", blank=True, related_name="assigned_sub_users", verbose_name="Units"
    )
    partner = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.CASCADE, related_name="users"
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # Where to offer to continue after the next login: an Access.key ("a-<id>", "o-<id>", …).
    last_context = models.CharField(max_length=32, blank=True)
    # An IAM user asked for the daily renewal notices (My Account > Notifications) at its email.
    renewal_notices = models.BooleanField(default=False, editable=False)
    # Part of the session hash: raising it ends every session of the user (disable, revoke).
    session_epoch = models.PositiveIntegerField(default=0, editable=False)
    # An API user of a Partner's own account that may call /api/v1/partner/ (iam.api_access):
    # only a partner user, who holds that view, may give it.
    partner_api = models.BooleanField(
        "Partner API",
        default=False,
        help_text="May call the partner's API (/api/v1/partner/): the connected customers, as "
        "Visit as Partner shows them.",
    )
    # A person of the account's own identity provider (username: its subject): the role
    # chosen on the jump page, and the roles claim's values of the last login.
    idp_role = models.ForeignKey(
        "ExternalIdpRole",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
        verbose_name="External IdP role",
    )
    idp_claims = models.JSONField("IdP groups", default=list, blank=True, editable=False)
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
                Lower("username"),
                condition=Q(kind="api"),
                name="unique_api_username_per_account",
                violation_error_message="An API user with this name already exists.",
            ),
            models.UniqueConstraint(
                "account",
                "username",
                condition=Q(kind="external"),
                name="unique_idp_subject_per_account",
            ),
            models.UniqueConstraint(
                "account",
                condition=Q(kind="owner"),
                name="one_owner_per_account",
                violation_error_message="The account already has an owner.",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind__in=["owner", "iam", "sub", "api", "external"], account__isnull=False)
                    | ~Q(kind__in=["owner", "iam", "sub", "api", "external"])
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
                condition=~Q(kind__in=["iam", "api", "external"], username=""),
                name="iam_users_have_a_username",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["iam", "api"]) | Q(user_group__isnull=True),
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
