from django.urls import reverse

from .access import may_visit_as_partner
from .models import User
from .portal_homes import portal_home


def navigation(request):
    """The Services menu and the profile menu entries for the current context."""
    access = getattr(request, "access", None)
    user = request.user
    services = []
    if access is not None and (not access.is_partner_visit or access.has_partner_accounts):
        services = [
            {"label": portal.label, "url": access.reverse(home), "portal": portal}
            for portal, _level in access.portals
            if (home := portal_home(portal))
        ]
    is_partner_user = user.is_authenticated and user.kind == User.Kind.PARTNER
    switch_accounts_url = reverse("switch_accounts")
    if access is not None and (access.role is not None or access.is_partner_visit):
        switch_accounts_url += "?tab=partner"  # open Switch Accounts where the user is
    elif access is not None and access.organization is not None:
        switch_accounts_url += "?tab=organization"
    return {
        "access": access,
        "services_menu": services,
        "switch_accounts_url": switch_accounts_url,
        "show_my_account": user.is_authenticated and user.kind in User.MY_ACCOUNT_KINDS,
        "show_partner_account": (
            is_partner_user and user.partner.account_id is not None and may_visit_as_partner(user)
        ),
    }
