from django.utils import timezone
from rest_framework import serializers

from ..models import Asset, AssetFolder, Entitlement

DATETIME = serializers.DateTimeField()


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
            "firmware_version",
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

    def to_representation(self, unit):
        # The fields above, read directly: DRF's field-by-field path was a fifth of a list
        # request's time (tests/perf/HISTORY.md, "The REST API at scale"). tests/api checks
        # both agree.
        gone = unit.decommissioned_at
        return {
            "id": unit.pk,
            "serial_number": unit.serial_number,
            "product_model": unit.product_model_name,
            "description": unit.description,
            "firmware_version": unit.firmware_version,
            "account_id": unit.account_id,
            "company": unit.company_name,
            "folder_id": unit.folder_id,
            "registered_on": unit.registered_on.isoformat(),
            "coverage_ends_on": unit.coverage_ends_on.isoformat(),
            "days_to_expiration": self.get_days_to_expiration(unit),
            "decommissioned_at": DATETIME.to_representation(gone) if gone else None,
        }


class EntitlementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Entitlement
        fields = ["service", "starts_on", "ends_on", "contract_number"]

    def to_representation(self, entitlement):
        # Read directly, as UnitSerializer's fields: DRF's path built the fields anew for
        # every unit (0.1 to 0.2 ms for two entitlements). tests/api checks both agree.
        return {
            "service": entitlement.service,
            "starts_on": entitlement.starts_on.isoformat(),
            "ends_on": entitlement.ends_on.isoformat(),
            "contract_number": entitlement.contract_number,
        }


ENTITLEMENT = EntitlementSerializer()


class UnitDetailSerializer(UnitSerializer):
    """A unit with its entitlements where the context says the access may see them
    (``show_entitlements``, as the unit's page: assets.services.may_view_entitlements), else
    null."""

    entitlements = EntitlementSerializer(  # for the OpenAPI schema; listed directly below
        many=True,
        allow_null=True,
        help_text="Latest end first; null where the permission profile does not show "
        "entitlements (Asset Management Read/Write or Admin, with Entitlement Management).",
    )

    class Meta(UnitSerializer.Meta):
        fields = [*UnitSerializer.Meta.fields, "entitlements"]

    def to_representation(self, unit):
        entitlements = None
        if self.context.get("show_entitlements"):
            entitlements = [ENTITLEMENT.to_representation(each) for each in unit.entitlements.all()]
        return super().to_representation(unit) | {"entitlements": entitlements}


class FolderSerializer(serializers.ModelSerializer):
    """A folder of My Assets; ``parent_id`` null at the top (My Assets itself)."""

    class Meta:
        model = AssetFolder
        fields = ["id", "name", "parent_id"]


# The bodies of the writes, for the schema: the pages' forms validate them.
class UnitRegisterSerializer(serializers.Serializer):
    serial = serializers.CharField(max_length=32)
    product_model = serializers.IntegerField(help_text="A product model's id.")
    description = serializers.CharField(max_length=255, required=False)
    firmware_version = serializers.CharField(
        max_length=16, required=False, help_text="Such as 7.2.5; empty: not known."
    )
    folder = serializers.IntegerField(
        required=False, allow_null=True, help_text="Default: My Assets, or the scope's folder."
    )
    contract_code = serializers.CharField(max_length=32, required=False)


class FirmwareSerializer(serializers.Serializer):
    firmware_version = serializers.CharField(
        max_length=16, allow_blank=True, help_text="Such as 7.2.5; empty: not known."
    )


class FolderCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    parent = serializers.IntegerField(required=False, allow_null=True, help_text="Default: top.")


class FolderRenameSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)


class MoveSerializer(serializers.Serializer):
    assets = serializers.ListField(child=serializers.IntegerField(), min_length=1)
    target = serializers.IntegerField(allow_null=True, help_text="A folder; null: My Assets.")


class MovedSerializer(serializers.Serializer):
    moved = serializers.IntegerField(help_text="How many units moved.")
