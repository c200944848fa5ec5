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
        self.fields["parent"].queryset = units
        self.fields["parent"].label_from_instance = lambda ou: "— " * (ou.depth - 1) + ou.name
