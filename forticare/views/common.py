"""What the FortiCare pages share: the menu and the general sections."""

from iam.permissions import Level

from .. import services
from ..lists import bug_tracker_allowed

READ = Level.READ_ONLY


# The general sections of FortiCare every partner has, even without any account (seed 000).
GENERAL_SECTIONS = [
    ("Resources", "forticare:resources"),
    ("Product Lifecycle", "forticare:product_lifecycle"),
    ("Downloads", "forticare:downloads"),
    ("Customer Support Bulletin", "forticare:bulletins"),
]


def nav(request):
    access = request.access
    items = [("All Tickets", access.reverse("forticare:all_tickets"))]
    if access.is_aggregated or services.may_work(access):
        items.append(("Create Ticket", access.reverse("forticare:ticket_create")))
    if bug_tracker_allowed(access):
        items.append(("Bug Tracker", access.reverse("forticare:bugs")))
    return items


def page_context(request, **extra):
    sections = [(label, request.access.reverse(name)) for label, name in GENERAL_SECTIONS]
    return {"nav": nav(request), "general_sections": sections, **extra}
