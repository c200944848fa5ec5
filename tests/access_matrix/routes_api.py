"""Route table rows under ``/api/v1/``: the REST API of API users (bearer tokens), in their own
account and, for an API user of a Partner's own account, the partner's ``/api/v1/partner/``.
Writes answer 201/200 with JSON; bad input (a choice outside the scope) is a 400."""

from .answers import OK
from .route_kinds import (
    AM,
    FC,
    IAM,
    RO,
    RW,
    Route,
    am_page,
    am_write_action,
    fc_page,
    fc_write_action,
    iam_page,
    iam_write_action,
    outside_choice,
    page,
    pk,
    sample,
    uuid_pk,
)
from .routes_account import register_data, ticket_data
from .routes_account_iam import user_data

CREATED, ACCEPTED, BAD_REQUEST = 201, 202, 400
TICKET_IN = sample("ticket_in", "ticket_out")


def _list_and_create(name, portal, created, **fields) -> Route:
    """GET a list (Read Only); POST adds to it (Read/Write)."""
    return Route(name, post=created, portal=portal, level=RW, get_level=RO, **fields)


def _choice_outside(data, **outside):
    """A body naming a choice outside the scope: the form refuses it (400), nothing changes."""
    return {**outside_choice(data, **outside), "outside_post": BAD_REQUEST}


def _move_data(w, o, target=None):
    return {"assets": [w.asset_in.pk], "target": target if target is not None else w.branch.pk}


ASSETS = [
    _list_and_create(
        "api:assets:units",
        AM,
        CREATED,
        **_choice_outside(register_data, folder="data_center"),
        note="GET the Product List; POST Register (Read/Write, Asset Maintenance)",
    ),
    am_write_action(
        "api:assets:units_move", post=OK, **_choice_outside(_move_data, target="data_center")
    ),
    am_page("api:assets:unit", **sample("asset_in", "asset_out")),
    am_write_action("api:assets:decommission", post=OK, **sample("asset_in", "asset_out")),
    am_write_action("api:assets:restore", post=OK, **sample("gone_in", "gone_out")),
    am_write_action(
        "api:assets:firmware",
        post=OK,
        data=lambda w, o: {"firmware_version": "7.2.5"},
        **sample("asset_in", "asset_out"),
    ),
    am_page("api:assets:decommissioned"),
    _list_and_create(
        "api:assets:folders",
        AM,
        CREATED,
        data=lambda w, o: {"name": "Matrix Folder", "parent": w.branch.pk},
        outside_data=lambda w, o: {"name": "Matrix Folder", "parent": o(w.data_center)},
        note="a parent outside the scope: 404, as a missing folder",
    ),
    am_write_action(
        "api:assets:folder_rename",
        post=OK,
        data=lambda w, o: {"name": "Matrix Renamed"},
        **sample("branch_east", "data_center"),
    ),
    am_write_action(
        "api:assets:folder_delete", post=204, **sample("branch_spare", "data_center_spare")
    ),
]

FORTICARE = [
    _list_and_create(
        "api:forticare:tickets",
        FC,
        CREATED,
        data=ticket_data,
        note="GET All Tickets; POST Create Ticket (Read/Write)",
    ),
    fc_page("api:forticare:ticket", **TICKET_IN),
    fc_write_action(
        "api:forticare:ticket_comment", post=CREATED, data=lambda w, o: {"body": "x"}, **TICKET_IN
    ),
    fc_write_action("api:forticare:ticket_close", post=OK, **TICKET_IN),
]

IAM_ROUTES = [
    _list_and_create(
        "api:iam:users",
        IAM,
        CREATED,
        **_choice_outside(user_data, scope="data_center"),
        note="GET the Users page's principals; POST Add New > IAM User (Read/Write)",
    ),
    iam_page("api:iam:user", kwargs=pk("iam_target")),
    # A user of the whole account is beyond the Branch Offices scope: not the API user's to change.
    iam_write_action("api:iam:user_disable", post=OK, **sample("iam_target", "iam_read_only")),
    iam_write_action("api:iam:user_enable", post=OK, **sample("iam_disabled", "iam_read_only")),
    iam_page("api:iam:groups"),
    iam_page("api:iam:profiles"),
]

# The partner view: the API user's own account must be an active Partner's.
PARTNER = [
    page("api:partner:connected_accounts"),
    am_page("api:partner:assets:units"),
    fc_page("api:partner:forticare:tickets"),
    fc_page("api:partner:forticare:bugs", note="the Bug Tracker: the partners', with FortiCare"),
]


def _exports(prefix, list_name, export, owner) -> list[Route]:
    """Exports of a context's lists: GET the API user's jobs, POST starts one (202, a job of
    a list the token may read); a job and its file are their starter's only."""
    start = {"list": list_name, "kind": "csv", "query": ""}
    return [
        Route(f"{prefix}exports", post=ACCEPTED, data=lambda w, o: dict(start)),
        page(f"{prefix}export", kwargs=uuid_pk(export), owned_by=owner),
        page(f"{prefix}export_download", kwargs=uuid_pk(export), owned_by=owner),
    ]


EXPORTS = _exports("api:", "forticare:all_tickets", "export_api", "api_target") + _exports(
    "api:partner:", "assets:product_list", "export_api_partner", "api_partner"
)

API = ASSETS + FORTICARE + IAM_ROUTES + PARTNER + EXPORTS
