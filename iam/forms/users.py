from django import forms

from forticloud.web.listing import ObjectChoiceField

from ..models import User
from .passwords import NewPasswordForm
from .scoped import ScopedChoicesMixin, ou_scope_field, taken_in_account


class IamUserForm(ScopedChoicesMixin, NewPasswordForm, forms.ModelForm):
    scope_units = ou_scope_field()  # the Organization type (a root account's)

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
        self.password_fields_set(creating=self.creating)
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
        self.instance.username = data.get("username", "")
        self.password_check(data, self.instance)
        return data

    def service_fields(self):
        data = self.cleaned_data
        return {
            **{name: data[name] for name in self.Meta.fields},
            "scope_units": list(data.get("scope_units") or []),
        }


class ApiUserForm(IamUserForm):
    """An API user: its name, description and grant, like an IAM user's; the portal makes its
    client ID and secret (no password)."""

    partner_api = forms.BooleanField(
        label="Partner API",
        required=False,
        help_text="May call /api/v1/partner/: the connected customers, as Visit as Partner "
        "shows them (never more than this user's own profile).",
    )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, access=access, **kwargs)
        del self.fields["password"], self.fields["password_confirm"]
        if self.creating:
            self.instance.kind = User.Kind.API
        self.fields["username"].label = "Name"
        # Offered in a Partner's own account, to its partner users (who hold that view).
        if access.partner is None or access.partner.account_id != access.account.pk:
            del self.fields["partner_api"]
        else:
            self.fields["partner_api"].initial = self.instance.partner_api

    def service_fields(self):
        fields = super().service_fields()
        return fields | {"partner_api": self.cleaned_data.get("partner_api", False)}

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if taken_in_account(User, self.instance, kind=User.Kind.API, username__iexact=username):
            raise forms.ValidationError("An API user with this name already exists.")
        return username
