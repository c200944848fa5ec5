"""Route table rows of Services > Organization (``/a/<account id>/organization/``).

Account A is a non-OU account: its owner has the portal (basic mode, Create Organization),
partner roles never do and the IAM personas' profiles do not grant it. OU pages exist in a
root account only, so here they are a 404 for everyone, the OU of another organization
included (``tests/iam/test_organizations.py`` works in a root account)."""

from .answers import NOT_FOUND, OK, body, refused
from .route_kinds import FC, am_page, export_routes, fc_page, form, page, pk
from .routes_account import ticket_data

NO_PORTAL = refused(NOT_FOUND, why="no Organization portal")
NOT_ROOT = refused(NOT_FOUND, why="OUs exist in a root account only")
NOT_ROOT_OU = refused(NOT_FOUND, twin="object", why="OUs exist in a root account only")
# The entering personas without the Organization portal (a member account has none).
WITHOUT = (
    "partner",
    "partner_scoped",
    "iam_scoped",
    "member_iam",
    "org_inside",
    "root_owner",
    "partner_org",
    "sub_full",
    "sub_read_only",
    "sub_limited",
)


def _org(builder, name, *, owner=None, twin=False, **fields):
    refusal = NOT_ROOT_OU if twin else NO_PORTAL
    overrides = dict.fromkeys(WITHOUT, refusal)
    if owner is not None:
        overrides["owner"] = owner
    return builder(name, overrides=overrides, **fields)


def ou_data(w, o):
    return {"name": "Matrix OU", "parent": ""}


def join_data(w, o):
    return {"token": "fcou_not-a-token", "acknowledge": "on"}


ACCOUNT_ORGANIZATION = [
    _org(page, "account:organization:home"),
    _org(
        form,
        "account:organization:create",
        data=lambda w, o: {"name": "Matrix Organization"},
        note="the owner of a non-OU account creates it: account A becomes a root account",
    ),
    _org(form, "account:organization:ou_create", data=ou_data, owner=NOT_ROOT),
    _org(
        form,
        "account:organization:ou_edit",
        kwargs=pk("ou_elsewhere"),
        data=ou_data,
        owner=NOT_ROOT_OU,
        twin=True,
    ),
    _org(
        form,
        "account:organization:ou_delete",
        kwargs=pk("ou_elsewhere"),
        owner=NOT_ROOT_OU,
        twin=True,
    ),
    _org(
        form,
        "account:organization:join",
        post=OK,
        data=join_data,
        note="the owner of a non-OU account; a wrong token: the form with its error (200)",
    ),
    _org(form, "account:organization:member_invite", data=ou_data, owner=NOT_ROOT),
    _org(
        form,
        "account:organization:member_create",
        data=lambda w, o: {"company_name": "Matrix Co", "owner_email": "m@x.test", "unit": ""},
        owner=NOT_ROOT,
    ),
    _org(
        page,
        "account:organization:member_activation",
        kwargs=pk("member_elsewhere"),
        owner=NOT_ROOT_OU,
        twin=True,
    ),
    _org(
        page,
        "account:organization:invitation_token",
        kwargs=pk("invitation_elsewhere"),
        owner=NOT_ROOT_OU,
        twin=True,
    ),
    _org(
        form,
        "account:organization:invitation_cancel",
        kwargs=pk("invitation_elsewhere"),
        owner=NOT_ROOT_OU,
        twin=True,
    ),
    _org(
        form,
        "account:organization:member_move",
        kwargs=pk("member_elsewhere"),
        data=lambda w, o: {"unit": ""},
        owner=NOT_ROOT_OU,
        twin=True,
    ),
    _org(
        form,
        "account:organization:member_remove",
        kwargs=pk("member_elsewhere"),
        owner=NOT_ROOT_OU,
        twin=True,
    ),
]


def a_units_shown(response, w):
    """Every unit of member account A, whatever A's own folder scopes say."""
    text = body(response)
    assert w.asset_in.serial_number in text and w.asset_out.serial_number in text


def a_units_hidden(response, w):
    text = body(response)
    assert w.asset_in.serial_number not in text and w.asset_out.serial_number not in text


SEES_A = {"org_inside": (a_units_shown,), "root_owner": (a_units_shown,)}
SEES_A |= {"org_outside": (a_units_hidden,), "stranger": (a_units_hidden,)}

# The organization view of account C (``/o/<C>/...``): its owner and its Organization-type
# IAM users; account A's objects once A is a member in their OU scope.
ORGANIZATION_VIEW = [
    page("organization_view:dashboard"),
    *export_routes("organization_view", "assets:product_list", "export_org", "org_inside"),
    am_page("organization_view:assets:product_list", checks=SEES_A),
    am_page("organization_view:assets:decommissioned"),
    am_page("organization_view:assets:vulnerabilities"),
    fc_page("organization_view:forticare:all_tickets"),
    form(
        "organization_view:forticare:ticket_create",
        post=OK,
        portal=FC,
        data=ticket_data,
        note="asks which member account first; a POST gets the same choice (200)",
    ),
    fc_page("organization_view:forticare:ticket", kwargs=pk("ticket_in"), member_object=True),
    fc_page("organization_view:forticare:resources"),
    fc_page("organization_view:forticare:product_lifecycle"),
    fc_page("organization_view:forticare:downloads"),
    fc_page("organization_view:forticare:bulletins"),
]
