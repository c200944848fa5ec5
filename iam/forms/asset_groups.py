from django import forms

from forticloud.web.listing import ObjectMultipleChoiceField

from ..selectors.asset_groups import user_groups
from ..selectors.sub_users import assignable_units, sub_users
from .sub_users import ChosenUnitsMixin, units_field


class AssetGroupsForm(forms.Form):
    enabled = forms.BooleanField(label="Enable asset groups", required=False)


class UserGroupForm(forms.Form):
    name = forms.CharField(label="Name", max_length=64)
    members = ObjectMultipleChoiceField(
        queryset=None, required=False, label="Members", widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, access, group=None, **kwargs):
        if group is not None:
            kwargs.setdefault("initial", {"name": group.name, "members": group.members.all()})
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = sub_users(access).order_by("email")

    def service_fields(self) -> dict:
        return {"name": self.cleaned_data["name"].strip(), "members": self.cleaned_data["members"]}


class ProductGroupForm(ChosenUnitsMixin, forms.Form):
    name = forms.CharField(label="Name", max_length=64)
    units = units_field()
    user_groups = ObjectMultipleChoiceField(
        queryset=None,
        required=False,
        label="Given to user groups",
        widget=forms.CheckboxSelectMultiple,
        help_text="Limited Access members of these groups see the group's units.",
    )

    def __init__(self, *args, access, group=None, **kwargs):
        if group is not None:
            units = group.units.select_related("product_model").order_by("serial_number")
            initial = {
                "name": group.name,
                "units": list(units),
                "user_groups": group.user_groups.all(),
            }
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = assignable_units(access).select_related("product_model")
        self.fields["user_groups"].queryset = user_groups(access).order_by("name")

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"].strip(),
            "units": list(data["units"]),
            "user_groups_given": list(data["user_groups"]),
        }
