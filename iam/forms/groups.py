from django import forms

from forticloud.web.listing import ObjectChoiceField, ObjectMultipleChoiceField

from ..models import UserGroup
from .scoped import ScopedChoicesMixin, ou_scope_field, taken_in_account


class GroupForm(ScopedChoicesMixin, forms.ModelForm):
    members = ObjectMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="IAM users only. Members use the group's profile and scope instead of their own.",
    )

    scope_units = ou_scope_field()  # the Organization type (a root account's)

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
        data = self.cleaned_data
        return {
            **{name: data[name] for name in [*self.Meta.fields, "members"]},
            "scope_units": list(data.get("scope_units") or []),
        }
