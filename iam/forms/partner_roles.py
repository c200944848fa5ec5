from django import forms
from django.utils import timezone

from forticloud.web.listing import ObjectChoiceField

from ..models import PartnerRole
from ..permissions import PARTNER_ROLE_PORTALS, ScopeType
from .scoped import ScopedChoicesMixin, ou_scope_field


class PartnerRoleForm(ScopedChoicesMixin, forms.ModelForm):
    profile_portals = PARTNER_ROLE_PORTALS
    scope_units = ou_scope_field()  # the Organization type (a root account's)

    class Meta:
        model = PartnerRole
        fields = [
            "name",
            "description",
            "scope_type",
            "scope_folder",
            "permission_profile",
            "ends_on",
        ]
        field_classes = dict.fromkeys(["permission_profile", "scope_folder"], ObjectChoiceField)
        labels = {
            "scope_type": "Select a Type",
            "permission_profile": "Select a Permission Profile",
        }
        widgets = {
            "scope_type": forms.RadioSelect,
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }
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
        else:
            self.fields["scope_units"].help_text = (
                "For the Organization type: the partner enters the member accounts of these OUs "
                "and of every OU below them, with the role's permission profile."
            )

    def clean_ends_on(self):
        ends_on = self.cleaned_data["ends_on"]
        if ends_on is not None and ends_on < timezone.localdate():
            raise forms.ValidationError("Choose today or a later day, or leave it empty.")
        return ends_on

    def service_fields(self):
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return fields | {"scope_units": list(self.cleaned_data.get("scope_units") or [])}
