"""The Vulnerability List: the advisories that affect the units in scope (assets.advisory_lists),
in an account and in the aggregated views."""

from django.http import Http404
from django.views.decorators.http import require_safe

from forticloud.web.lists import list_response
from iam.decorators import requires
from iam.permissions import Portal, Resource

from .. import selectors
from ..advisory_lists import SEVERITY_CHOICES, VULNERABILITY_LIST
from ..advisory_selectors import may_view_vulnerabilities, unversioned_count
from .common import READ, asset_nav


@requires(Portal.ASSET_MANAGEMENT, READ)
@require_safe
def vulnerability_list(request):
    access = request.access
    if not may_view_vulnerabilities(access):
        raise Http404("No such page.")
    context = {
        "nav": asset_nav(access),
        "state": selectors.coverage_state(access, Resource.VULNERABILITY_LIST),
        "severity_choices": SEVERITY_CHOICES,
        "unversioned": unversioned_count(access),
        "product_list": access.reverse("assets:product_list"),
    }
    return list_response(request, VULNERABILITY_LIST, context)
