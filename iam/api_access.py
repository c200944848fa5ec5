"""The access of an API user's bearer token: in its own account (iam.access), or, under
``/api/v1/partner/``, the aggregated view of the Partner whose own FortiCloud account it is in:
the customers its live roles connect, under Visit as Partner's rules, and never more portals
or levels than the API user's own profile holds."""

from .access import Access, own_account_access
from .models import Account, User
from .partner_reach import ACTIVE_PARTNER
from .permissions import Level, Portal

# What Visit as Partner grants (iam.partner_access.access_for_partner_visit); the partner API reads.
PARTNER_VIEW = {Portal.ASSET_MANAGEMENT: Level.READ_ONLY, Portal.FORTICARE: Level.READ_ONLY}


def access_for_api_user(user: User) -> Access | None:
    """The API user's access in its own account, or None (an inactive account, a disabled
    user, or not an API user: only an API user's token opens the API). ``user.account`` and
    the grant may come read already (iam.api.authentication reads them with the token)."""
    if user.kind != User.Kind.API or not user.is_active:
        return None
    if user.account.status != Account.Status.ACTIVE:
        return None
    return own_account_access(user, user.account)


def access_for_partner_api(own: Access) -> Access | None:
    """The partner view of the API user whose own-account access is ``own``; None when its
    account is no active Partner's own account, it was not given the Partner API, or its
    profile grants none of the portals."""
    if not own.user.partner_api:
        return None
    account = (
        Account.objects.select_related("owning_partner")
        .filter(pk=own.account.pk, owning_partner__status=ACTIVE_PARTNER)
        .first()
    )
    grants = {
        portal: min(level, own.grants.get(portal, Level.NONE))
        for portal, level in PARTNER_VIEW.items()
        if own.grants.get(portal, Level.NONE)
    }
    if account is None or not grants:
        return None
    return Access(
        user=own.user,
        account=None,
        grants=grants,
        resources=own.resources,  # its own profile's resources cap every customer's role
        has_partner_accounts=True,
        api_partner=account.owning_partner,
    )


def access_for_partner_api_user(user: User) -> Access | None:
    """The partner view of API user ``user`` (an export job's context, rebuilt by the worker)."""
    own = access_for_api_user(user)
    return access_for_partner_api(own) if own is not None else None
