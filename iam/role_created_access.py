"""The access of a user a partner created through its Partner role: within the role as it is
now, so that narrowing the role narrows them and its end ends them on the next request."""

from dataclasses import replace

from .access import Access
from .models import PartnerRole
from .partner_reach import ACTIVE_PARTNER, within_end_date


def within_creating_role(access: Access) -> Access | None:
    """``access`` (the user's own grant, already without the portals a Partner role cannot
    have) within the Partner role that created the user: None once the role is no longer live
    (disabled, past its End Date, its partner inactive: the daily run disables the user too,
    later), else at most the role's levels, within the role's scope folder."""
    role = (
        PartnerRole.objects.select_related("permission_profile", "scope_folder")
        .filter(within_end_date(), pk=access.user.created_through_role_id, account=access.account)
        .filter(status=PartnerRole.Status.ACTIVE, partner__status=ACTIVE_PARTNER)
        .first()
    )
    if role is None or role.permission_profile is None:
        return None
    folder = access.scope_folder
    if role.scope_folder is not None:
        if folder is None or role.scope_folder.path.startswith(folder.path):
            folder = role.scope_folder  # all of My Assets or a folder above: the role's
        elif not folder.path.startswith(role.scope_folder.path):
            return None  # a folder beside the role's
    portals = role.permission_profile.portal_levels()
    resources = role.permission_profile.resource_levels()
    grants = {p: min(level, portals.get(p, 0)) for p, level in access.grants.items()}
    capped = {r: min(level, resources.get(r, 0)) for r, level in access.resources.items()}
    return replace(
        access,
        grants={portal: level for portal, level in grants.items() if level},
        resources=capped,
        scope_folder=folder,
    )
