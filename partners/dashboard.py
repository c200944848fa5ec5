"""The partner's Dashboard (Visit as Partner): every connected customer with the units whose
coverage ends soon, open tickets and the role's status, and a chart of coverage ends by month
across customers. Every number and bar links to the aggregated list filtered to it."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.template.loader import render_to_string

from assets.coverage import month_starts
from assets.selectors import coverage_state, coverage_totals
from iam.dashboard import Figure, dashboard_panel
from iam.permissions import Portal

from . import selectors

CUSTOMERS_PER_PAGE = 25
CHART_HEIGHT = 120  # the tallest bar, in SVG units


@dataclass(frozen=True)
class Bar:
    label: str  # "Dec 2026"
    units: int
    url: str
    x: int
    y: int
    height: int


def _chart(product_list, today, totals) -> list[Bar]:
    """A bar per month: the units of every reached customer whose coverage ends in it."""
    starts = month_starts(today)[:12]
    values = [totals[f"month_{k}"] for k in range(12)]
    tallest = max(values, default=0) or 1
    bars = []
    for k, (start, units) in enumerate(zip(starts, values, strict=True)):
        height = round(CHART_HEIGHT * units / tallest)
        bars.append(
            Bar(
                label=start.strftime("%b %Y"),
                units=units,
                url=f"{product_list}?ends={start:%Y-%m}",
                x=k * 60 + 10,
                y=20 + CHART_HEIGHT - height,
                height=height,
            )
        )
    return bars


def _figures(product_list, totals) -> list[Figure]:
    within = 0
    figures = []
    for days, window in ((30, "within_30"), (60, "within_60"), (90, "within_90")):
        within += totals[window]
        figures.append(
            Figure(
                f"Expiring within {days} days", within, f"{product_list}?coverage=expiring{days}"
            )
        )
    figures.append(Figure("Expired", totals["expired"], f"{product_list}?coverage=expired"))
    return figures


@dashboard_panel("customers")
def customers_panel(request) -> str:
    access = request.access
    if not access.is_partner_visit or access.partner is None:
        return ""
    state = coverage_state(access)
    product_list = access.reverse("assets:product_list")
    totals = coverage_totals(access)
    customers = selectors.Customers(access)
    page = Paginator(customers, CUSTOMERS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_open_tickets(access, page.object_list)
    context = {
        "state": state,
        "figures": _figures(product_list, totals),
        "bars": _chart(product_list, state.today, totals)
        if access.can(Portal.ASSET_MANAGEMENT)
        else [],
        "chart_height": CHART_HEIGHT,
        "page": page,
        "product_list": product_list,
        "all_tickets": access.reverse("forticare:all_tickets"),
    }
    return render_to_string("partners/dashboard_customers.html", context, request)
