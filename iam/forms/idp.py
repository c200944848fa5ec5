"""IAM > Identity Provider, and Add New > External IdP Role."""

from django import forms

from forticloud.web.listing import ObjectChoiceField

from ..auth.oidc import public_url
from ..models import ExternalIdpRole, IdentityProvider
from ..permissions import ScopeType
from .scoped import ScopedChoicesMixin, taken_in_account


class IdentityProviderForm(forms.ModelForm):
    client_secret = forms.CharField(
        label="Client Secret",
        required=False,
        strip=False,
        max_length=1000,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text="Kept encrypted and never shown again. Leave empty to keep the one kept.",
    )

    class Meta:
        model = IdentityProvider
        fields = ["issuer", "client_id", "roles_claim", "allowed_domains", "enabled"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["client_secret"].required = True
            self.fields["client_secret"].help_text = "Kept encrypted and never shown again."

    def clean_issuer(self):
        issuer = self.cleaned_data["issuer"].strip().rstrip("/")
        if not public_url(issuer):
            raise forms.ValidationError("The issuer URL must be https:// on a public host.")
        return issuer

    def service_fields(self):
        data = self.cleaned_data
        return {name: data[name] for name in [*self.Meta.fields, "client_secret"]}


class IdpRoleForm(ScopedChoicesMixin, forms.ModelForm):
    class Meta:
        model = ExternalIdpRole
        fields = ["name", "description", "claim_value", "permission_profile", "scope_folder"]
        labels = {"permission_profile": "Permission Profile"}
        field_classes = dict.fromkeys(["permission_profile", "scope_folder"], ObjectChoiceField)

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.account = access.account
        self.scope_choices(access)
        profiles = self.fields["permission_profile"]
        profiles.queryset = profiles.queryset.filter(type=ScopeType.LOCAL)
        profiles.widget.choices = [
            (value, label)
            for value, label in profiles.widget.choices
            if value == "" or value.instance.type == ScopeType.LOCAL
        ]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if taken_in_account(ExternalIdpRole, self.instance, name__iexact=name):
            raise forms.ValidationError("An External IdP role with this name already exists.")
        return name

    def clean_claim_value(self):
        return self.cleaned_data["claim_value"].strip()

    def service_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
