"""Route table rows under ``/a/<account id>/``: the dashboard, Asset Management, FortiCare.

The IAM rows are in ``routes_account_iam.py``.
"""

from functools import partial

from iam.permissions import Level, Resource

from .answers import NOT_FOUND, SEE_OTHER, refused
from .route_kinds import (
    AM,
    RW,
    action,
    am_page,
    am_write_action,
    am_write_form,
    export_routes,
    fc_page,
    fc_write_action,
    fc_write_form,
    form,
    outside_choice,
    page,
    sample,
)
from .world_renewals import renew_data

# POST bodies -------------------------------------------------------------------------------


def register_data(w, o, folder=None):
    prefix = w.asset_in.product_model.serial_prefix
    return {
        "serial": f"{prefix}99990001",
        "product_model": w.asset_in.product_model_id,
        "description": "Registered by the matrix",
        "folder": folder if folder is not None else w.branch.pk,
        "contract_code": "",
    }


def ticket_data(w, o, asset=None):
    return {
        "subject": "Matrix ticket",
        "request_type": "technical_support",
        "priority": 3,
        "asset": asset if asset is not None else w.asset_in.pk,
        "description": "Port2 flaps.",
        "visibility": "all",
    }


# Online renewal: Admin on Asset Management, Read-Write on Renewal Notice (seed 001).
# The scoped IAM users hold Read/Write.
READ_WRITE_ONLY = refused(NOT_FOUND, why="Asset Management Read/Write: renewing needs Admin")
renewal_admin_form = partial(
    form,
    portal=AM,
    level=Level.ADMIN,
    resource=Resource.RENEWAL_NOTICE,
    overrides={
        name: READ_WRITE_ONLY for name in ("iam_scoped", "iam_scoped_outside", "member_iam")
    },
)
# The other partner, in A through an organization role: the samples are addressed to role_a's.
TO_ANOTHER_PARTNER = refused(NOT_FOUND, why="a renewal request addressed to another partner")


# The Bug Tracker (partner users only): its rows here and under /partner/ ---------------------


def bug_columns_data(w, o):
    return {"columns": ["number", "summary"]}


def bug_number(w, o):
    return {"number": o(w.bug, "number")}


bug_tracker_page = partial(page, bug_tracker=True)
bug_tracker_action = partial(action, bug_tracker=True)


# /a/<account id>/... -----------------------------------------------------------------------

ACCOUNT_ASSETS_FORTICARE = [
    page("account:dashboard"),
    *export_routes("account", "assets:product_list", "export_a", "owner_a", portal=AM),
    # Asset Management
    am_page("account:assets:product_list"),
    am_page("account:assets:decommissioned"),
    am_write_form("account:assets:register", **outside_choice(register_data, folder="data_center")),
    am_page("account:assets:asset", **sample("asset_in", "asset_out")),
    am_write_form("account:assets:decommission", **sample("asset_in", "asset_out")),
    am_write_action("account:assets:restore", **sample("gone_in", "gone_out")),
    am_write_action(
        "account:assets:firmware",
        data=lambda w, o: {"firmware_version": "7.2.5"},
        **sample("asset_in", "asset_out"),
    ),
    am_page(
        "account:assets:my_assets",
        overrides={"sub_limited": refused(NOT_FOUND, why="a Limited Access sub user has no tree")},
    ),
    am_write_action(
        "account:assets:folder_create",
        data=lambda w, o: {"name": "Matrix Folder", "parent": w.branch.pk},
        outside_data=lambda w, o: {"name": "Matrix Folder", "parent": o(w.data_center)},
    ),
    am_write_action(
        "account:assets:folder_rename",
        data=lambda w, o: {"name": "Matrix Renamed"},
        **sample("branch_east", "data_center"),
    ),
    am_write_action("account:assets:folder_delete", **sample("branch_spare", "data_center_spare")),
    am_write_action(
        "account:assets:move",
        data=lambda w, o: {"assets": [w.asset_in.pk], "target": w.branch.pk},
        outside_data=lambda w, o: {"assets": [w.asset_in.pk], "target": o(w.data_center)},
        outside_post=SEE_OTHER,
        note="a target outside the scope is not a choice: back to My Assets, nothing moved",
    ),
    am_page("account:assets:renewal_notice", resource=Resource.RENEWAL_NOTICE),
    renewal_admin_form(
        "account:assets:renew",
        query=lambda w, o: f"units={w.asset_in.pk}",
        **outside_choice(renew_data, units="asset_out"),
    ),
    am_page("account:assets:renewal_requests", resource=Resource.RENEWAL_NOTICE),
    am_page(
        "account:assets:renewal_request",
        resource=Resource.RENEWAL_NOTICE,
        overrides={"partner_org": TO_ANOTHER_PARTNER},
        **sample("renewal_in", "renewal_out"),
    ),
    renewal_admin_form(
        "account:assets:renewal_cancel",
        overrides={
            **renewal_admin_form.keywords["overrides"],
            "partner_org": TO_ANOTHER_PARTNER,
        },
        **sample("renewal_in", "renewal_out"),
    ),
    am_page("account:assets:vulnerabilities", resource=Resource.VULNERABILITY_LIST),
    am_page(
        "account:assets:account_services",
        level=RW,
        resource=Resource.ACCOUNT_SERVICES,
        note="entitlements: Asset Management Read/Write (seed 001)",
    ),
    # FortiCare
    fc_page("account:forticare:all_tickets"),
    fc_write_form(
        "account:forticare:ticket_create", **outside_choice(ticket_data, asset="asset_out")
    ),
    fc_page("account:forticare:ticket", **sample("ticket_in", "ticket_out")),
    fc_write_action(
        "account:forticare:ticket_comment",
        data=lambda w, o: {"body": "Matrix comment"},
        **sample("ticket_in", "ticket_out"),
    ),
    fc_write_action("account:forticare:ticket_close", **sample("ticket_in", "ticket_out")),
    fc_write_action("account:forticare:ticket_reopen", **sample("ticket_closed", "ticket_out")),
    fc_page("account:forticare:resources"),
    fc_page("account:forticare:product_lifecycle"),
    fc_page("account:forticare:downloads"),
    fc_page("account:forticare:bulletins"),
    bug_tracker_page("account:forticare:bugs"),
    bug_tracker_action("account:forticare:bug_columns", data=bug_columns_data),
    bug_tracker_page("account:forticare:bug", kwargs=bug_number),
]
