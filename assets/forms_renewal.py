"""The forms of online renewal: Renew (customer), Send Quote and Complete (partner, staff)."""

from django import forms

from forticloud.web.listing import ObjectMultipleChoiceField

from .models import Asset, RenewalRequest
from .renewal_requests import MAX_UNITS, eligible_units


class RenewForm(forms.Form):
    units = ObjectMultipleChoiceField(
        queryset=Asset.objects.none(),
        error_messages={
            "required": "Select the units to renew.",
            "invalid_choice": "Some of these units cannot be renewed online.",
            "invalid_pk_value": "Some of these units cannot be renewed online.",
        },
    )
    term_years = forms.TypedChoiceField(
        label="Requested term",
        choices=RenewalRequest.TERMS,
        coerce=int,
        initial=1,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional: anything your partner should know (a PO number, a contact).",
    )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        units = self.fields["units"]
        units.queryset = eligible_units(access).select_related("product_model")
        units.widget = forms.MultipleHiddenInput()

    def clean_units(self):
        units = self.cleaned_data["units"]
        if len(units) > MAX_UNITS:
            raise forms.ValidationError(f"A request holds at most {MAX_UNITS} units.")
        return units


class QuoteForm(forms.Form):
    quote = forms.CharField(
        label="Quote",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The price, the term and how the customer accepts it.",
    )


class CompleteForm(forms.Form):
    """One Contract Registration Code per unit of the request (field ``unit_<id>``)."""

    def __init__(self, *args, request_units, **kwargs):
        super().__init__(*args, **kwargs)
        self.request_units = request_units
        for unit in request_units:
            self.fields[f"unit_{unit.pk}"] = forms.CharField(
                label=f"Contract Registration Code for {unit.asset.serial_number}",
                max_length=32,
                required=False,  # the service names the units left without one
            )

    def codes(self) -> dict[int, str]:
        return {unit.pk: self.cleaned_data[f"unit_{unit.pk}"] for unit in self.request_units}

    def rows(self):
        """(request unit, its field) for the template."""
        return [(unit, self[f"unit_{unit.pk}"]) for unit in self.request_units]
