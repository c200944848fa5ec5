"""The Organization portal's forms: creating the organization and its OUs."""

from django import forms

from forticloud.web.listing import ObjectChoiceField

from ..models import OrganizationalUnit
from ..services.organizations import NAME_MAX


class OrganizationForm(forms.Form):
    name = forms.CharField(label="Organization Name", max_length=NAME_MAX)


class UnitForm(forms.Form):
    """An OU's name and where it sits: under another OU of the organization, or the root."""

    name = forms.CharField(label="OU Name", max_length=NAME_MAX)
    parent = ObjectChoiceField(
        label="Parent OU",
        queryset=OrganizationalUnit.objects.none(),
        required=False,
        empty_label="The root account",
    )

    def __init__(self, *args, access, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = OrganizationalUnit.objects.visible_to(access)
        if unit is not None:  # not itself nor one of its own OUs
            units = units.exclude(path__startswith=unit.path)
            if unit.parent_id and not units.filter(pk=unit.parent_id).exists():
                del self.fields["parent"]  # the top of an OU admin's scope stays where it is
                return
        self.fields["parent"].queryset = units
        self.fields["parent"].label_from_instance = _indented


def _indented(unit) -> str:
    return "— " * (unit.depth - 1) + unit.name


def _unit_field(access, label):
    field = ObjectChoiceField(
        label=label,
        queryset=OrganizationalUnit.objects.visible_to(access),
        required=False,
        empty_label="The root account",
    )
    field.label_from_instance = _indented
    return field


class InviteForm(forms.Form):
    account_id = forms.RegexField(
        label="Account ID",
        regex=r"^[0-9]{1,18}$",
        max_length=18,
        error_messages={"invalid": "An Account ID is a number."},
    )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _unit_field(access, "OU")

    def clean_account_id(self) -> int:
        return int(self.cleaned_data["account_id"])  # ASCII digits, by the field's regex


class MemberMoveForm(forms.Form):
    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _unit_field(access, "Move to OU")


class JoinForm(forms.Form):
    token = forms.CharField(label="Invitation token", max_length=100, strip=True)
    acknowledge = forms.BooleanField(
        label="I understand that the organization's administrators will manage this account "
        "through its OUs, and that this account's IAM turns to advanced mode.",
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("acknowledge"):
            raise forms.ValidationError("Tick the acknowledgement to join the organization.")
        return cleaned


class MemberCreateForm(forms.Form):
    company_name = forms.CharField(label="Company Name", max_length=200)
    owner_email = forms.EmailField(label="Owner Email", max_length=254)  # User.email's
    owner_name = forms.CharField(label="Owner Name", max_length=150, required=False)

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _unit_field(access, "OU")
