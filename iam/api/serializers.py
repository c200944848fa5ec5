from rest_framework import serializers


class PrincipalSerializer(serializers.Serializer):
    """A row of the Users page: an IAM user, an API user or a Partner role."""

    id = serializers.IntegerField(source="row_id")
    kind = serializers.ChoiceField(
        source="principal", choices=["user", "partner_role"], help_text="A user or a Partner role."
    )
    name = serializers.CharField(source="title")
    description = serializers.CharField(source="summary")
    type = serializers.CharField(source="type_label")
    permission_profile = serializers.CharField(source="profile_name")
    permission_scope = serializers.CharField(source="scope_name")
    status = serializers.CharField(source="status_label")
    partner = serializers.CharField(source="partner_name", help_text="A Partner role's partner.")
