"""The access of "Visit as Partner": a partner person's own aggregated view (``/partner/``)."""

from .access import Access, may_visit_as_partner, own_accounts
from .models import User
from .partner_reach import partner_roles
from .permissions import ALL_RESOURCES, Level, Portal


def access_for_partner_visit(user: User) -> Access | None:
    """ "Visit as Partner": the partner's own aggregated view, for its active partner users."""
    if not (user.is_authenticated and user.is_active and may_visit_as_partner(user)):
        return None
    roles = partner_roles(user.partner_id)
    has_accounts = roles.any_live or own_accounts(user).exists()
    grants = {Portal.FORTICARE: Level.READ_WRITE}
    if has_accounts:
        grants[Portal.ASSET_MANAGEMENT] = Level.READ_ONLY
    return Access(
        user,
        None,
        grants,
        ALL_RESOURCES,
        has_partner_accounts=has_accounts,
        partner_scopes=roles.scopes,
    )
