from rest_framework import serializers

from ..models import ExportJob, PermissionProfile, User, UserGroup


class PrincipalSerializer(serializers.Serializer):
    """A row of the Users page: an IAM user, an API user or a Partner role."""

    id = serializers.IntegerField(source="row_id")
    kind = serializers.ChoiceField(
        source="principal",
        choices=["user", "idp_role", "partner_role"],
        help_text="A user, an External IdP role or a Partner role.",
    )
    name = serializers.CharField(source="title")
    description = serializers.CharField(source="summary")
    type = serializers.CharField(source="type_label")
    permission_profile = serializers.CharField(source="profile_name")
    permission_scope = serializers.CharField(source="scope_name")
    status = serializers.CharField(source="status_label")
    partner = serializers.CharField(source="partner_name", help_text="A Partner role's partner.")


class ProfileSerializer(serializers.ModelSerializer):
    """A permission profile: a level per portal and per Asset Management resource."""

    type = serializers.CharField(source="get_type_display")
    builtin = serializers.BooleanField(source="is_builtin")
    portals = serializers.SerializerMethodField()
    resources = serializers.SerializerMethodField()

    class Meta:
        model = PermissionProfile
        fields = ["id", "name", "description", "type", "builtin", "portals", "resources"]

    def get_portals(self, profile) -> dict[str, str]:
        return {portal: level.label for portal, level in profile.portal_levels().items()}

    def get_resources(self, profile) -> dict[str, str]:
        return {name: level.label for name, level in profile.resource_levels().items()}


class GroupSerializer(serializers.ModelSerializer):
    """A user group: its members act with its profile and scope."""

    permission_profile = serializers.CharField(source="permission_profile.name")
    permission_scope = serializers.SerializerMethodField()

    class Meta:
        model = UserGroup
        fields = [
            "id",
            "name",
            "description",
            "permission_profile_id",
            "permission_profile",
            "scope_folder_id",
            "permission_scope",
        ]

    def get_permission_scope(self, group) -> str:
        return group.scope_folder.name if group.scope_folder_id else "MyAssets"


class IamUserSerializer(serializers.ModelSerializer):
    """An IAM or API user of the account, with its own grant or its group."""

    type = serializers.CharField(source="get_kind_display")
    status = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "description",
            "type",
            "permission_profile_id",
            "scope_folder_id",
            "user_group_id",
            "status",
        ]

    def get_status(self, user) -> str:
        return "Active" if user.is_active else "Disabled"


class IamUserCreateSerializer(serializers.Serializer):
    """The body of Add New > IAM User (for the schema: the page's form validates it)."""

    username = serializers.CharField(max_length=150)
    description = serializers.CharField(max_length=255, required=False)
    password = serializers.CharField(help_text="At least 12 characters, not common.")
    permission_profile = serializers.IntegerField(required=False, allow_null=True)
    scope_folder = serializers.IntegerField(
        required=False, allow_null=True, help_text="Default: My Assets."
    )
    user_group = serializers.IntegerField(
        required=False, allow_null=True, help_text="Instead of a profile and a scope."
    )


class ExportJobSerializer(serializers.ModelSerializer):
    """An export job: its progress, then the URL of its file (for 24 hours, its starter's)."""

    list = serializers.CharField(source="list_name")
    status = serializers.ChoiceField(choices=ExportJob.Status.choices)
    download = serializers.SerializerMethodField(help_text="The file's URL once done, else null.")

    class Meta:
        model = ExportJob
        fields = [
            "id",
            "list",
            "kind",
            "query",
            "status",
            "rows_written",
            "rows_total",
            "error",
            "created_at",
            "finished_at",
            "expires_at",
            "download",
        ]

    def get_download(self, job) -> str | None:
        if job.status != ExportJob.Status.DONE:
            return None
        url = f"{self.context['exports_url']}{job.pk}/download/"
        return self.context["request"].build_absolute_uri(url)


class ExportStartSerializer(serializers.Serializer):
    """The body of Start Export (for the schema: the page's form validates it)."""

    list = serializers.CharField(
        help_text="The name of a list that has exports, as the README's REST API table gives "
        "them (the Product List, Decommissioned Units, All Tickets, the Audit Log; in the "
        "partner's view the Bug Tracker too)."
    )
    kind = serializers.ChoiceField(choices=ExportJob.Kind.choices)
    query = serializers.CharField(
        required=False, help_text='The list\'s filters and sort, e.g. "coverage=expiring30".'
    )
