"""Route table rows under ``/partner/`` ("Visit as Partner")."""

from .answers import GET, NOT_ALLOWED, NOT_FOUND, OK, POST, Expect, body, refused
from .route_kinds import (
    AM,
    FC,
    action,
    am_page,
    export_routes,
    fc_page,
    form,
    page,
    pk,
    sample,
)
from .routes_account import (
    bug_columns_data,
    bug_number,
    bug_tracker_action,
    bug_tracker_page,
    ticket_data,
)
from .routes_organization import a_units_shown
from .world import HISTORY_MARKER
from .world_renewals import complete_data

ADDRESSED_TO_ANOTHER = refused(NOT_FOUND, why="a renewal request addressed to another partner")

# Content checks ----------------------------------------------------------------------------


def _partner_role_url(w, suffix=""):
    return f"/partner/account/connected-accounts/{w.role_a.pk}/{suffix}"


def role_page_in_full(response, w):
    text = body(response)
    assert HISTORY_MARKER in text, "no history"
    assert 'name="notification_email"' in text, "no Notification Email form"
    assert _partner_role_url(w, "disconnect/") in text, "no Disconnect"


def disabled_role_only(response, w):
    """A role the customer disabled: that it is disabled, and nothing else."""
    text = body(response)
    assert "Disabled" in text, "does not say the role is disabled"
    leaks = {
        "a history row": HISTORY_MARKER,
        "the customer owner's email": w.owner_a.email,
        "the Notification Email form": 'name="notification_email"',
        "the Notification Email": w.role_a.notification_email,
        "a Disconnect control": _partner_role_url(w, "disconnect/"),
        "a Notification Email control": _partner_role_url(w, "notification-email/"),
    }
    shown = [what for what, text_of in leaks.items() if text_of in text]
    assert not shown, f"a disabled role's page shows {', '.join(shown)}"


# /partner/... ("Visit as Partner") ---------------------------------------------------------


PARTNER = [
    page("partner:dashboard"),
    *export_routes("partner", "forticare:bugs", "export_partner", "partner_user", bug_tracker=True),
    am_page("partner:assets:product_list", checks={"partner_org": (a_units_shown,)}),
    am_page("partner:assets:decommissioned"),
    am_page("partner:assets:renewal_requests"),
    am_page(
        "partner:assets:renewal_request",
        overrides={"partner_org": ADDRESSED_TO_ANOTHER},
        **sample("renewal_in", "renewal_out"),
    ),
    action(
        "partner:assets:renewal_quote",
        portal=AM,
        data=lambda w, o: {"quote": "EUR 1,200 a year; reply to accept."},
        overrides={"partner_org": ADDRESSED_TO_ANOTHER},
        **sample("renewal_in", "renewal_out"),
    ),
    action(
        "partner:assets:renewal_complete",
        portal=AM,
        data=complete_data,
        overrides={"partner_org": ADDRESSED_TO_ANOTHER},
        **sample("renewal_in", "renewal_out"),
    ),
    am_page("partner:assets:vulnerabilities", note="each customer's role decides its rows"),
    fc_page("partner:forticare:all_tickets"),
    form(
        "partner:forticare:ticket_create",
        post=OK,
        portal=FC,
        data=ticket_data,
        note="asks which account first; a POST gets the same choice (200)",
    ),
    fc_page("partner:forticare:ticket", **sample("ticket_in", "ticket_out")),
    fc_page("partner:forticare:resources"),
    fc_page("partner:forticare:product_lifecycle"),
    fc_page("partner:forticare:downloads"),
    fc_page("partner:forticare:bulletins"),
    bug_tracker_page("partner:forticare:bugs"),
    bug_tracker_action("partner:forticare:bug_columns", data=bug_columns_data),
    bug_tracker_page("partner:forticare:bug", kwargs=bug_number),
    page(
        "partner:partners:partner_account",
        overrides={"partner_org": refused(NOT_FOUND, why="no FortiCloud account of its own")},
    ),
    page("partner:partners:connected_accounts"),
    form(
        "partner:partners:connect_account",
        post=OK,
        data=lambda w, o: {},
        note="an empty body: the form comes back with its errors (200)",
    ),
    page(
        "partner:partners:role",
        kwargs=pk("role_a"),
        partner_role_page=True,
        checks={"partner": (role_page_in_full,)},
        overrides={
            "partner_disabled": {
                GET: Expect(OK, checks=(disabled_role_only,), why="disabled: says so, no more"),
                POST: refused(NOT_ALLOWED),
            }
        },
    ),
    action(
        "partner:partners:notification_email",
        kwargs=pk("role_a"),
        data=lambda w, o: {"notification_email": "noc@reseller.test"},
        partner_role_page=True,
    ),
    form("partner:partners:disconnect", kwargs=pk("role_a"), partner_role_page=True),
]
