"""The resource pages: Renewal Notice and Account Services (the Vulnerability List has its own
module, vulnerabilities.py)."""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from iam.decorators import requires
from iam.permissions import Portal, Resource

from .. import lists, selectors, services
from .. import renewal_requests as renewals
from ..models import Asset, Entitlement, RenewalRequest
from .common import READ, asset_nav


def _resource_page(request, resource, template, context):
    if not request.access.can(Portal.ASSET_MANAGEMENT, READ, resource):
        raise Http404("No such page.")
    return render(request, template, {"nav": asset_nav(request.access), **context})


SHOWN = 100  # units per list of the Renewal Notice; the Product List's filters show them all


@requires(Portal.ASSET_MANAGEMENT, READ)
@require_safe
def renewal_notice(request):
    """Units whose coverage ends within 90 days or has ended: the candidates for renewal."""
    access = request.access
    in_service = selectors.asset_list(access).select_related("product_model")
    table = lists.PRODUCT_TABLE
    expiring = table.ordered(lists.coverage_filter(in_service, "expiring90"), "days")
    expired = table.ordered(lists.coverage_filter(in_service, "expired"), "-days")
    expiring, expired = list(expiring[:SHOWN]), list(expired[:SHOWN])
    context = {
        "expiring": expiring,
        "expired": expired,
        "can_renew": renewals.may_renew(access),
        "in_request": renewals.open_requests_of(access, [*expiring, *expired]),
        "requests": RenewalRequest.objects.visible_to(access).select_related("account")[:5],
        "today": timezone.localdate(),
        "limit": SHOWN,
    }
    return _resource_page(request, Resource.RENEWAL_NOTICE, "assets/renewal_notice.html", context)


@requires(Portal.ASSET_MANAGEMENT, READ)
@require_safe
def account_services(request):
    if not services.may_view_entitlements(request.access):
        raise Http404("No such page.")
    summary = (
        Entitlement.objects.filter(asset__in=Asset.objects.visible_to(request.access).in_service())
        .values("service")
        .annotate(units=Count("asset", distinct=True))
        .order_by("service")
    )
    labels = dict(Entitlement.Service.choices)
    context = {"summary": [(labels[row["service"]], row["units"]) for row in summary]}
    return _resource_page(
        request, Resource.ACCOUNT_SERVICES, "assets/account_services.html", context
    )
