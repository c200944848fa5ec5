"""The query parameters of the account chooser and the Partner role form's preview (one
ListForm each), and the context key of Switch Accounts and Select.

A view reads its parameters through ``list_values(Form, request.GET)`` and nothing else: a bad
value gets the parameter's default (see forticloud.web.listing). The lists of the IAM portal
read theirs through their declarations (iam/lists.py)."""

from django import forms

from forticloud.web.listing import (
    ChoiceParam,
    IdParam,
    ListForm,
    PageParam,
    SearchField,
    parse_id,
)

from ..access import PARTNER_CONTEXT, account_context_key, organization_context_key
from ..selectors.chooser import MY_ACCOUNTS, ORGANIZATION_ACCOUNTS, PARTNER_CONNECTED


class ProfilePreviewForm(ListForm):
    """The Partner role form's preview of what the chosen profile and scope give (htmx)."""

    permission_profile = IdParam()
    scope_folder = IdParam()


class ChooserForm(ListForm):
    """ "Choose a Connected Account" and the Switch Accounts dialog."""

    tab = ChoiceParam(
        {
            MY_ACCOUNTS: "My Accounts",
            PARTNER_CONNECTED: "Partner",
            ORGANIZATION_ACCOUNTS: "Organization",
        }
    )
    q = SearchField()
    page = PageParam()


class ContextKeyField(forms.CharField):
    """A context key: "partner", "a-<Account ID>" or "o-<Account ID>" (the organization view of
    a root account), ASCII digits; anything else is invalid."""

    def __init__(self, **kwargs):
        super().__init__(max_length=32, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value == PARTNER_CONTEXT:
            return
        prefix, _, account_id = value.partition("-")
        account_id = parse_id(account_id)
        keys = {"a": account_context_key, "o": organization_context_key}
        if prefix not in keys or account_id is None or keys[prefix](account_id) != value:
            raise forms.ValidationError("No such account.", code="invalid")


class ContextForm(forms.Form):
    """``to`` of Switch Accounts' confirmation (GET) and of Select / Visit as Partner (POST)."""

    to = ContextKeyField()
