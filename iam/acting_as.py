"""How a user acts in a context, in the words of the seeds: the Dashboard's "Acting as", and
the "acting as" of every audit event."""

from .models import User


def acting_as(access) -> str:
    user = access.user
    if access.is_organization_view:
        return f"{user.get_kind_display()}, organization view of {access.organization.name}"
    if access.account is None:
        return f"Partner user of {user.partner}, visiting as Partner"
    if access.role is not None:
        via = f" of the organization {access.organization}" if access.organization else ""
        return f'Partner user of {user.partner}, through the Partner role "{access.role.name}"{via}'
    if access.organization is not None:
        return f"{user.get_kind_display()} of the organization {access.organization.name}"
    if user.kind == User.Kind.PARTNER:
        return f"Partner user of {user.partner}, in the Partner's own account"
    if user.kind == User.Kind.EXTERNAL and user.idp_role_id:
        return f"External IdP role {user.idp_role.name}"
    return user.get_kind_display()
