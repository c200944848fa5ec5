from django import forms

from ..models import PermissionProfile
from ..permissions import Portal, Resource, ScopeType
from .scoped import ScopedChoicesMixin, taken_in_account


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
