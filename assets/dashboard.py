"""What Asset Management adds to iam's pages: the account Dashboard's units by coverage (each
number a link to the Product List filtered that way), and the units a Partner role's access
preview counts."""

from django.template.loader import render_to_string

from iam.dashboard import Figure, dashboard_panel
from iam.permissions import Portal
from iam.previews import preview_counter

from . import selectors
from .coverage import WINDOWS
from .models import Asset


@dashboard_panel("coverage")
def coverage_panel(request) -> str:
    access = request.access
    if access.is_aggregated or not access.can(Portal.ASSET_MANAGEMENT):
        return ""
    state = selectors.coverage_state(access)
    counts = selectors.coverage_totals(access)
    product_list = access.reverse("assets:product_list")
    figures = [
        Figure("Units", sum(counts[name] for name in WINDOWS), product_list),
        Figure(
            "Expiring within 30 days", counts["within_30"], f"{product_list}?coverage=expiring30"
        ),
        Figure(
            "Expiring within 90 days",
            counts["within_30"] + counts["within_60"] + counts["within_90"],
            f"{product_list}?coverage=expiring90",
        ),
        Figure("Expired", counts["expired"], f"{product_list}?coverage=expired"),
    ]
    context = {"figures": figures, "state": state}
    return render_to_string("assets/dashboard_coverage.html", context, request)


@preview_counter("Units", Portal.ASSET_MANAGEMENT)
def units_in_scope(access) -> int:
    """The Partner role's access preview: the units in service the access would see."""
    return Asset.objects.visible_to(access).in_service().count()
