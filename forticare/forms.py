from django import forms

from assets.models import Asset

from .lists import BUG_TABLE
from .models import Ticket


class TicketForm(forms.Form):
    subject = forms.CharField(max_length=200)
    request_type = forms.ChoiceField(label="Request Type", choices=Ticket.RequestType.choices)
    priority = forms.TypedChoiceField(
        choices=Ticket.Priority.choices, coerce=int, initial=Ticket.Priority.P3
    )
    asset = forms.ModelChoiceField(
        label="Unit (serial number)",
        queryset=Asset.objects.none(),
        required=False,
        empty_label="No unit",
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), max_length=10_000)
    visibility = forms.ChoiceField(
        label="Ticket Visibility",
        choices=Ticket.Visibility.choices,
        initial=Ticket.Visibility.PARTNER_ONLY,
        widget=forms.RadioSelect,
        help_text="Who can view, update and close this ticket.",
    )

    def __init__(self, *args, access, partner, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this account's units in service, within the scope.
        self.fields["asset"].queryset = (
            Asset.objects.visible_to(access).in_service().select_related("product_model")
        )
        self.fields["asset"].label_from_instance = lambda a: (
            f"{a.serial_number} ({a.product_model})"
        )
        if not partner:
            del self.fields["visibility"]


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Add Comment",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10_000,
        error_messages={"required": "Write a comment first."},
    )


class BugColumnsForm(forms.Form):
    """The column picker: the columns to show, and the list's query to go back to."""

    columns = forms.MultipleChoiceField(
        choices=[(column.key, column.header) for column in BUG_TABLE.columns], required=False
    )
    back = forms.CharField(required=False, max_length=2000)
