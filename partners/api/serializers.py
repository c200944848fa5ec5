from rest_framework import serializers

from iam.models import PartnerRole


class ConnectedAccountSerializer(serializers.ModelSerializer):
    """A row of Connected Accounts: the customer's Partner role; the customer's details only
    while the role is active."""

    role = serializers.CharField(source="name")
    company = serializers.CharField(source="account.company_name")
    owner_name = serializers.CharField(help_text="The customer's master user (User Name).")
    owner_email = serializers.CharField(help_text="The customer's master user (Email).")

    class Meta:
        model = PartnerRole
        fields = ["id", "account_id", "role", "company", "owner_name", "owner_email", "status"]
