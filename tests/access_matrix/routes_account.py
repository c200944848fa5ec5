"""Route table rows under ``/a/<account id>/``: the dashboard, Asset Management, FortiCare.

The IAM rows are in ``routes_account_iam.py``.
"""

from iam.permissions import Resource

from .answers import OK, SEE_OTHER
from .route_kinds import AM, FC, RW, action, form, page, pk

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


# /a/<account id>/... -----------------------------------------------------------------------

ACCOUNT_ASSETS_FORTICARE = [
    page("account:dashboard"),
    # Asset Management
    page("account:assets:product_list", portal=AM),
    page("account:assets:decommissioned", portal=AM),
    form(
        "account:assets:register",
        portal=AM,
        level=RW,
        data=register_data,
        outside_data=lambda w, o: register_data(w, o, folder=o(w.data_center)),
        outside_post=OK,
    ),
    page("account:assets:asset", portal=AM, kwargs=pk("asset_in"), outside=pk("asset_out")),
    form(
        "account:assets:decommission",
        portal=AM,
        level=RW,
        kwargs=pk("asset_in"),
        outside=pk("asset_out"),
    ),
    action(
        "account:assets:restore", portal=AM, level=RW, kwargs=pk("gone_in"), outside=pk("gone_out")
    ),
    page("account:assets:my_assets", portal=AM),
    action(
        "account:assets:folder_create",
        portal=AM,
        level=RW,
        data=lambda w, o: {"name": "Matrix Folder", "parent": w.branch.pk},
        outside_data=lambda w, o: {"name": "Matrix Folder", "parent": o(w.data_center)},
    ),
    action(
        "account:assets:folder_rename",
        portal=AM,
        level=RW,
        kwargs=pk("branch_east"),
        data=lambda w, o: {"name": "Matrix Renamed"},
        outside=pk("data_center"),
    ),
    action(
        "account:assets:folder_delete",
        portal=AM,
        level=RW,
        kwargs=pk("branch_spare"),
        outside=pk("data_center_spare"),
    ),
    action(
        "account:assets:move",
        portal=AM,
        level=RW,
        data=lambda w, o: {"assets": [w.asset_in.pk], "target": w.branch.pk},
        outside_data=lambda w, o: {"assets": [w.asset_in.pk], "target": o(w.data_center)},
        outside_post=SEE_OTHER,
        note="a target outside the scope is not a choice: back to My Assets, nothing moved",
    ),
    page("account:assets:renewal_notice", portal=AM, resource=Resource.RENEWAL_NOTICE),
    page("account:assets:vulnerabilities", portal=AM, resource=Resource.VULNERABILITY_LIST),
    page(
        "account:assets:account_services",
        portal=AM,
        level=RW,
        resource=Resource.ACCOUNT_SERVICES,
        note="entitlements: Asset Management Read/Write (seed 001)",
    ),
    # FortiCare
    page("account:forticare:all_tickets", portal=FC),
    form(
        "account:forticare:ticket_create",
        portal=FC,
        level=RW,
        data=ticket_data,
        outside_data=lambda w, o: ticket_data(w, o, asset=o(w.asset_out)),
        outside_post=OK,
    ),
    page("account:forticare:ticket", portal=FC, kwargs=pk("ticket_in"), outside=pk("ticket_out")),
    action(
        "account:forticare:ticket_comment",
        portal=FC,
        level=RW,
        kwargs=pk("ticket_in"),
        data=lambda w, o: {"body": "Matrix comment"},
        outside=pk("ticket_out"),
    ),
    action(
        "account:forticare:ticket_close",
        portal=FC,
        level=RW,
        kwargs=pk("ticket_in"),
        outside=pk("ticket_out"),
    ),
    action(
        "account:forticare:ticket_reopen",
        portal=FC,
        level=RW,
        kwargs=pk("ticket_closed"),
        outside=pk("ticket_out"),
    ),
    page("account:forticare:bugs", bug_tracker=True),
    action(
        "account:forticare:bug_columns",
        bug_tracker=True,
        data=lambda w, o: {"columns": ["number", "summary"]},
    ),
    page(
        "account:forticare:bug",
        bug_tracker=True,
        kwargs=lambda w, o: {"number": o(w.bug, "number")},
    ),
]
