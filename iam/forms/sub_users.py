from django import forms

from forticloud.web.listing import ListForm, ObjectMultipleChoiceField, PageParam

from ..models import User
from ..selectors.sub_users import assignable_units, sub_users
from .passwords import NewPasswordForm


class ChosenUnitsMixin:
    """A form with the unit picker (``units``): the units to show checked."""

    def chosen_units(self) -> list:
        """The posted units once the form is checked, else the initial ones."""
        if self.is_bound:
            return list(getattr(self, "cleaned_data", {}).get("units") or [])
        return list(self.initial.get("units") or [])


def units_field():
    return ObjectMultipleChoiceField(queryset=None, required=False, label="Units")


class SubUserForm(ChosenUnitsMixin, NewPasswordForm, forms.ModelForm):
    """A sub user of My Account > Manage User: Full Access (optionally read-only) or Limited
    Access to the chosen units (the searchable picker posts their ids as ``units``)."""

    legacy_access = forms.ChoiceField(
        label="Access",
        choices=[("full", "Full Access"), ("limited", "Limited Access")],
        widget=forms.RadioSelect,
        help_text="Full Access: every portal of the menu except Identity & Access Management. "
        "Limited Access: the Product List and Decommissioned Units, only the units chosen below.",
    )
    units = units_field()

    class Meta:
        model = User
        fields = ["email", "full_name", "legacy_access", "legacy_read_only"]
        labels = {"email": "Email", "full_name": "Name"}
        help_texts = {
            "legacy_read_only": "Full Access only: may not change folders or move units.",
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.creating = self.instance.pk is None
        if self.creating:
            self.instance.account = access.account
            self.instance.kind = User.Kind.SUB
        self.fields["email"].required = True
        self.fields["units"].queryset = assignable_units(access).select_related("product_model")
        self.password_fields_set(creating=self.creating)
        if not self.creating:
            assigned = self.instance.assigned_units.select_related("product_model")
            self.initial.setdefault("units", list(assigned.order_by("serial_number")))

    def clean_email(self):
        return User.objects.normalize_email(self.cleaned_data["email"].strip())

    def clean(self):
        data = super().clean()
        if data.get("legacy_access") == "limited":
            data["legacy_read_only"] = False
            if not data.get("units"):
                self.add_error("units", "Choose the units this Limited Access user may see.")
        self.password_check(data, self.instance)
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in self.Meta.fields},
            "password": data["password"],
            "units": list(data.get("units") or []),
        }


class MigrationPageForm(ListForm):
    page = PageParam()


class MigrationForm(forms.Form):
    """Migrate Selected (``users``) or Migrate All (``all``)."""

    users = ObjectMultipleChoiceField(queryset=None, required=False)
    all = forms.BooleanField(required=False)

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = sub_users(access)

    def clean(self):
        data = super().clean()
        if not data.get("all") and not data.get("users"):
            raise forms.ValidationError("Choose the sub users to migrate.")
        return data

    def user_ids(self) -> list[int]:
        if self.cleaned_data["all"]:
            return list(self.fields["users"].queryset.values_list("pk", flat=True))
        return [user.pk for user in self.cleaned_data["users"]]

    def errors_text(self) -> str:
        return " ".join(error for errors in self.errors.values() for error in errors)
