from django import forms
from django.contrib.auth.password_validation import validate_password

from forticloud.web.listing import ObjectChoiceField, ObjectMultipleChoiceField

from . import grants
from .models import PartnerRole, PermissionProfile, User, UserGroup
from .permissions import PARTNER_ROLE_PORTALS, Portal, Resource, ScopeType

GENERIC_LOGIN_ERROR = "The login details are incorrect, or the user is disabled."


class LoginForm(forms.Form):
    password = forms.CharField(
        label="Password",
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class EmailLoginForm(LoginForm):
    field_order = ["email", "password"]
    email = forms.EmailField(
        label="Email", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class IamLoginForm(LoginForm):
    field_order = ["account", "username", "password"]
    account = forms.CharField(
        label="Account ID/Alias",
        max_length=63,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    username = forms.CharField(
        label="Username", max_length=64, widget=forms.TextInput(attrs={"autocomplete": "username"})
    )


# IAM portal forms. Every choice is scoped to the account of request.access.


def taken_in_account(model, instance, **lookup) -> bool:
    """Whether another row of the instance's account already has this value (any case).

    ModelForm skips the database's per-account unique constraints because ``account`` is not
    a form field; this check gives the clear message, the constraint still guards races."""
    rows = model.objects.filter(account=instance.account, **lookup)
    return rows.exclude(pk=instance.pk).exists() if instance.pk else rows.exists()


def _only(queryset, keep):
    """The rows of ``queryset`` for which ``keep`` holds, still as a queryset (for a field)."""
    return queryset.filter(pk__in=[obj.pk for obj in queryset if keep(obj)])


def _offer(field, keep):
    """Offer only the choices ``keep`` allows. The field still accepts the account's other
    rows, so a forged value reaches the service, whose refusal names what exceeded."""
    field.widget.choices = [
        (value, label) for value, label in field.choices if value == "" or keep(value.instance)
    ]


class ScopedChoicesMixin:
    """Limits profile, folder, group and member choices to the account being managed and to
    what the acting principal may hand out (iam.grants): a scoped admin is offered only the
    folders of its own subtree, and only profiles and groups within its own grants."""

    profile_portals = None  # the portals the holder can use (a Partner role's)

    def scope_choices(self, access):
        fields = self.fields
        if "permission_profile" in fields:
            fields["permission_profile"].queryset = PermissionProfile.objects.visible_to(access)
            _offer(
                fields["permission_profile"],
                lambda p: (
                    not grants.grant_excess(
                        access, p, None, portals=self.profile_portals, with_scope=False
                    )
                ),
            )
        if "scope_folder" in fields:
            field = fields["scope_folder"]
            field.queryset = access.account.asset_folders.all()
            field.label = "Permission Scope (asset folder)"
            field.empty_label = "MyAssets (all assets)"
            if access.scope_folder is not None:
                # Folders outside the scope do not exist for the actor: a forged one is "not a
                # valid choice", like a missing id. All of My Assets is wider than the scope.
                field.queryset = field.queryset.filter(path__startswith=access.scope_folder.path)
                field.empty_label = None
                field.required = True
        if "user_group" in fields:
            fields["user_group"].queryset = UserGroup.objects.visible_to(access).select_related(
                "permission_profile", "scope_folder"
            )
            fields["user_group"].empty_label = "No group: use the profile and scope above"
            _offer(fields["user_group"], lambda group: grants.holds(access, group))
        if "members" in fields:
            users = User.objects.visible_to(access).filter(kind=User.Kind.IAM)
            current = set()
            if self.instance.pk:
                current = set(self.instance.members.values_list("pk", flat=True))
            fields["members"].queryset = _only(
                users.select_related(*grants.USER_GRANT_RELATIONS),
                lambda user: user.pk in current or grants.may_change(access, user),
            )


class IamUserForm(ScopedChoicesMixin, forms.ModelForm):
    password = forms.CharField(
        label="Password",
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters, not common, not only digits.",
    )
    password_confirm = forms.CharField(
        label="Confirm Password",
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = ["username", "description", "permission_profile", "scope_folder", "user_group"]
        labels = {"username": "Username", "permission_profile": "Permission Profile"}
        field_classes = dict.fromkeys(
            ["permission_profile", "scope_folder", "user_group"], ObjectChoiceField
        )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.creating = self.instance.pk is None
        if self.creating:
            self.instance.account = access.account
            self.instance.kind = User.Kind.IAM
        self.fields["username"].required = True
        self.fields["password"].required = self.creating
        self.fields["password_confirm"].required = self.creating
        if not self.creating:
            self.fields["password"].label = "New Password"
            self.fields["password"].help_text = "Leave empty to keep the current password."
        self.scope_choices(access)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if taken_in_account(User, self.instance, kind=User.Kind.IAM, username__iexact=username):
            raise forms.ValidationError("This username is already used in the account.")
        return username

    def clean(self):
        data = super().clean()
        if not data.get("user_group") and not data.get("permission_profile"):
            self.add_error(
                "permission_profile", "Choose a permission profile, or a user group instead."
            )
        password = data.get("password")
        if password:
            if password != data.get("password_confirm"):
                self.add_error("password_confirm", "The two passwords do not match.")
            else:
                self.instance.username = data.get("username", "")
                try:
                    validate_password(password, user=self.instance)
                except forms.ValidationError as error:
                    self.add_error("password", error)
        return data

    def service_fields(self):
        data = self.cleaned_data
        return {name: data[name] for name in self.Meta.fields}


class ProfileForm(ScopedChoicesMixin, forms.ModelForm):
    class Meta:
        model = PermissionProfile
        fields = [
            "name",
            "description",
            "type",
            *[portal.value for portal in Portal],
            *[resource.value for resource in Resource],
        ]
        widgets = {
            "type": forms.RadioSelect,
            **{portal.value: forms.RadioSelect for portal in Portal},
            **{resource.value: forms.RadioSelect for resource in Resource},
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.account = access.account
        self.fields["name"].label = "Profile Name"
        if self.instance.pk is not None:
            self.fields["type"].disabled = True  # chosen at creation, never changed
        elif access.account.kind != access.account.Kind.ROOT:
            # Seed 002: without an organization only the Local type exists.
            self.fields["type"].choices = [(ScopeType.LOCAL, ScopeType.LOCAL.label)]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if name.lower() in {b.label.lower() for b in PermissionProfile.Builtin}:
            raise forms.ValidationError("This name belongs to a built-in profile.")
        if taken_in_account(PermissionProfile, self.instance, name__iexact=name):
            raise forms.ValidationError("A permission profile with this name already exists.")
        return name

    def portal_fields(self):
        return [self[portal.value] for portal in Portal]

    def resource_fields(self):
        return [self[resource.value] for resource in Resource]


class GroupForm(ScopedChoicesMixin, forms.ModelForm):
    members = ObjectMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="IAM users only. Members use the group's profile and scope instead of their own.",
    )

    class Meta:
        model = UserGroup
        fields = ["name", "description", "permission_profile", "scope_folder"]
        labels = {"name": "Group Name", "permission_profile": "Permission Profile"}
        field_classes = dict.fromkeys(["permission_profile", "scope_folder"], ObjectChoiceField)

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.account = access.account
        self.scope_choices(access)
        if self.instance.pk is not None:
            self.initial["members"] = list(self.instance.members.values_list("pk", flat=True))

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if taken_in_account(UserGroup, self.instance, name__iexact=name):
            raise forms.ValidationError("A user group with this name already exists.")
        return name

    def service_fields(self):
        return {name: self.cleaned_data[name] for name in [*self.Meta.fields, "members"]}


class PartnerRoleForm(ScopedChoicesMixin, forms.ModelForm):
    profile_portals = PARTNER_ROLE_PORTALS

    class Meta:
        model = PartnerRole
        fields = ["name", "description", "scope_type", "scope_folder", "permission_profile"]
        field_classes = dict.fromkeys(["permission_profile", "scope_folder"], ObjectChoiceField)
        labels = {
            "scope_type": "Select a Type",
            "permission_profile": "Select a Permission Profile",
        }
        widgets = {"scope_type": forms.RadioSelect}
        help_texts = {
            "scope_type": "Choose the profile type as Local for limiting the profile to current "
            "account and Organization for OU accounts"
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.account = access.account
        self.scope_choices(access)
        self.fields["scope_folder"].label = "Select an Asset Folder"
        self.fields["permission_profile"].required = True
        self.fields["permission_profile"].empty_label = "None"
        if access.account.kind != access.account.Kind.ROOT:
            self.fields["scope_type"].choices = [(ScopeType.LOCAL, ScopeType.LOCAL.label)]

    def service_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
