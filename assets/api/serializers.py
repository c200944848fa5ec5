from django.utils import timezone
from rest_framework import serializers

from ..models import Asset, Entitlement


class UnitSerializer(serializers.ModelSerializer):
    """A unit as the Product List shows it, with its coverage end and days to expiration."""

    product_model = serializers.CharField(source="product_model_name")
    company = serializers.CharField(source="company_name")
    days_to_expiration = serializers.SerializerMethodField()

    class Meta:
        model = Asset
        fields = [
            "id",
            "serial_number",
            "product_model",
            "description",
            "account_id",
            "company",
            "folder_id",
            "registered_on",
            "coverage_ends_on",
            "days_to_expiration",
            "decommissioned_at",
        ]

    def get_days_to_expiration(self, unit) -> str:
        return unit.days_to_expiration(self.context.get("today") or timezone.localdate())


class EntitlementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Entitlement
        fields = ["service", "starts_on", "ends_on", "contract_number"]


class UnitDetailSerializer(UnitSerializer):
    entitlements = EntitlementSerializer(many=True)

    class Meta(UnitSerializer.Meta):
        fields = [*UnitSerializer.Meta.fields, "entitlements"]
