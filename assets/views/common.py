"""What the Asset Management pages share: the menu, the unit lookup, the redirects."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from forticloud.web.responses import see_other
from iam.permissions import Level, Portal, Resource

from .. import services
from ..models import Asset

READ = Level.READ_ONLY


def redirect_to(request, name, query=""):
    url = request.access.reverse(f"assets:{name}")
    return see_other(url, query)


def asset_or_404(request, pk):
    return get_object_or_404(
        Asset.objects.visible_to(request.access).select_related("product_model", "folder"), pk=pk
    )


def asset_nav(access):
    """The Asset Management menu: only the aggregated lists until an account is selected (seed
    000, "Selecting accounts"; the partner's also its Renewal Requests); then per the resource
    permissions."""
    items = [("Product List", "product_list")]
    if has_folders(access):
        items.append(("My Assets", "my_assets"))
        if services.may_register(access):
            items.append(("Register", "register"))
    items.append(("Decommissioned Units", "decommissioned"))
    if access.is_aggregated:  # each customer's role decides whose units it lists
        items.append(("Vulnerability List", "vulnerabilities"))
    else:
        for label, name, resource in [
            ("Renewal Notice", "renewal_notice", Resource.RENEWAL_NOTICE),
            ("Vulnerability List", "vulnerabilities", Resource.VULNERABILITY_LIST),
            ("Account Services", "account_services", Resource.ACCOUNT_SERVICES),
        ]:
            if access.can(Portal.ASSET_MANAGEMENT, READ, resource):
                items.append((label, name))
    if access.is_partner_visit:  # the requests its customers addressed to it
        items.append(("Renewal Requests", "renewal_requests"))
    return [(label, access.reverse(f"assets:{name}")) for label, name in items]


def has_folders(access) -> bool:
    """My Assets is one account's folder tree; a Limited Access sub user has units, no tree."""
    return not access.is_aggregated and access.assigned_units is None


def require_manage(request):
    if not services.may_manage(request.access):
        raise Http404("No such page.")
