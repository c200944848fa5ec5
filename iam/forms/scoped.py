"""Choices scoped to the account of request.access, and offered only within the actor's grants."""

from forticloud.web.listing import ObjectMultipleChoiceField

from .. import grants
from ..models import OrganizationalUnit, PermissionProfile, User, UserGroup


def taken_in_account(model, instance, **lookup) -> bool:
    """Whether another row of the instance's account already has this value (any case).

    ModelForm skips the database's per-account unique constraints because ``account`` is not
    a form field; this check gives the clear message, the constraint still guards races."""
    rows = model.objects.filter(account=instance.account, **lookup)
    return rows.exclude(pk=instance.pk).exists() if instance.pk else rows.exists()


def _only_rows(queryset, keep):
    """The rows of ``queryset`` for which ``keep`` holds, still as a queryset (for a field)."""
    return queryset.filter(pk__in=[obj.pk for obj in queryset if keep(obj)])


def _offer_within(field, keep):
    """Offer only the choices ``keep`` allows. The field still accepts the account's other
    rows, so a forged value reaches the service, whose refusal names what exceeded."""
    field.widget.choices = [
        (value, label) for value, label in field.choices if value == "" or keep(value.instance)
    ]


def ou_scope_field():
    """The OU Scope of an Organization-type IAM user or user group (a root account's)."""
    return ObjectMultipleChoiceField(
        label="OU Scope",
        queryset=OrganizationalUnit.objects.none(),
        required=False,
        help_text="For a permission profile of the Organization type: these OUs and every OU "
        "below them, and their member accounts.",
    )


class ScopedChoicesMixin:
    """Limits profile, folder, group and member choices to the account being managed and to
    what the acting principal may hand out (iam.grants): a scoped admin is offered only the
    folders of its own subtree, and only profiles and groups within its own grants."""

    profile_portals = None  # the portals the holder can use (a Partner role's)

    def scope_choices(self, access):
        fields = self.fields
        if "permission_profile" in fields:
            fields["permission_profile"].queryset = PermissionProfile.objects.visible_to(access)
            _offer_within(
                fields["permission_profile"],
                lambda p: (
                    not grants.grant_excess(
                        access, p, None, portals=self.profile_portals, with_scope=False
                    )
                ),
            )
        if "scope_folder" in fields:
            field = fields["scope_folder"]
            field.queryset = access.account.asset_folders.all()
            field.label = "Permission Scope (asset folder)"
            field.empty_label = "MyAssets (all assets)"
            if access.scope_folder is not None:
                # Folders outside the scope do not exist for the actor: a forged one is "not a
                # valid choice", like a missing id. All of My Assets is wider than the scope.
                field.queryset = field.queryset.filter(path__startswith=access.scope_folder.path)
                field.empty_label = None
                field.required = True
        if "scope_units" in fields:
            if access.account.kind == access.account.Kind.ROOT:
                # Only the OUs the actor holds exist for it (as folders outside a scope).
                fields["scope_units"].queryset = grants.held_units(access)
                if self.instance.pk is not None:
                    self.initial["scope_units"] = list(self.instance.scope_units.all())
            else:
                del fields["scope_units"]
        if "user_group" in fields:
            fields["user_group"].queryset = UserGroup.objects.visible_to(access).select_related(
                "permission_profile", "scope_folder"
            )
            fields["user_group"].empty_label = "No group: use the profile and scope above"
            _offer_within(fields["user_group"], lambda group: grants.holds(access, group))
        if "members" in fields:
            users = User.objects.visible_to(access).filter(kind=User.Kind.IAM)
            current = set()
            if self.instance.pk:
                current = set(self.instance.members.values_list("pk", flat=True))
            fields["members"].queryset = _only_rows(
                users.select_related(*grants.USER_GRANT_RELATIONS),
                lambda user: user.pk in current or grants.may_change(access, user),
            )
