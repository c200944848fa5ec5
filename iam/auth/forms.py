"""The login forms."""

import re

from django import forms

GENERIC_LOGIN_ERROR = "The login details are incorrect, or the user is disabled."
# An Account ID (1 to 18 ASCII digits) or an alias (iam.models.alias_validator's shape).
ACCOUNT_REFERENCE = re.compile(r"[0-9]{1,18}|[a-z][a-z0-9-]{2,62}")


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


class IdpAccountForm(forms.Form):
    """Log in with your organization: the account whose identity provider signs you in."""

    account = forms.CharField(
        label="Account ID/Alias",
        max_length=63,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )

    def clean_account(self):
        account = self.cleaned_data["account"].strip().lower()
        if not ACCOUNT_REFERENCE.fullmatch(account):
            raise forms.ValidationError("Enter an Account ID (digits) or an account alias.")
        return account


class IdpRoleForm(forms.Form):
    role = forms.IntegerField(min_value=1, max_value=2**63 - 1)


class NextForm(forms.Form):
    """``next`` of the login pages: where to go after login (the view checks the host)."""

    next = forms.CharField(required=False, max_length=2000)

    @classmethod
    def target(cls, data) -> str:
        form = cls(data)
        return form.cleaned_data["next"] if form.is_valid() else ""
