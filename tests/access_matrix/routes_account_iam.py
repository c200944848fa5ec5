"""Route table rows under ``/a/<account id>/iam/``: users, Partner roles, profiles, groups."""

from iam.permissions import Portal, Resource

from .answers import FOUND, NOT_FOUND, OK, Expect, body, refused
from .route_kinds import IAM, RO, RW, Route, action, form, page, pk

# Changes in the IAM portal: Read/Write on it.
IAM_WRITE = {"portal": IAM, "level": RW}

# Content checks ----------------------------------------------------------------------------


def _role_url(w, suffix=""):
    return f"/a/{w.account_a.pk}/iam/partner-roles/{w.role_a.pk}/{suffix}"


def no_role_controls(response, w):
    """The role's page, without a control over the role the partner acts through."""
    text = body(response)
    for suffix in ("edit/", "disable/", "enable/", "delete/", "regenerate-token/", "link/"):
        assert _role_url(w, suffix) not in text, f"the page offers {suffix}"


def role_controls(response, w):
    text = body(response)
    for suffix in ("edit/", "disable/", "delete/"):
        assert _role_url(w, suffix) in text, f"the owner is not offered {suffix}"


def profile_without_controls(response, w):
    assert "Update</button>" not in body(response), "the profile can be updated"


# POST bodies -------------------------------------------------------------------------------

NEW_PASSWORD = "Matrix-Horse-Battery-42"


def user_data(w, o, *, username="matrix-new", scope=None, password=NEW_PASSWORD):
    return {
        "username": username,
        "description": "By the matrix",
        "permission_profile": w.p_small.pk,
        "scope_folder": scope if scope is not None else w.branch.pk,
        "user_group": "",
        "password": password,
        "password_confirm": password,
    }


def group_data(w, o, *, name="Matrix New Group", scope=None):
    return {
        "name": name,
        "description": "By the matrix",
        "permission_profile": w.p_small.pk,
        "scope_folder": scope if scope is not None else w.branch.pk,
    }


def role_data(w, o, *, name="Matrix Role"):
    return {
        "name": name,
        "description": "By the matrix",
        "scope_type": "local",
        "scope_folder": w.branch.pk,
        "permission_profile": w.p_small.pk,
    }


def profile_data(w, o, *, name="Matrix New Profile"):
    levels = {portal.value: 0 for portal in Portal} | {resource.value: 0 for resource in Resource}
    return (
        {"name": name, "description": "By the matrix", "type": "local"}
        | levels
        | {"asset_management": int(RO)}
    )


# The answer to a persona that holds less than the row's sample grants.
NOT_HELD = refused(
    NOT_FOUND, twin="object", why="changes a grant wider than its own (SysAdmin, all assets)"
)
ROLE_NOT_HELD = {"iam_scoped": NOT_HELD}


# /a/<account id>/iam/... -------------------------------------------------------------------

ACCOUNT_IAM = [
    # IAM
    Route("account:iam:home", get=FOUND, portal=IAM, note="redirects to Users"),
    page("account:iam:users", portal=IAM),
    form(
        "account:iam:user_create",
        **IAM_WRITE,
        data=user_data,
        outside_data=lambda w, o: user_data(w, o, scope=o(w.data_center)),
        outside_post=OK,
    ),
    form(
        "account:iam:user_edit",
        **IAM_WRITE,
        kwargs=pk("iam_target"),
        data=lambda w, o: user_data(w, o, username=w.iam_target.username, password=""),
        outside_data=lambda w, o: user_data(
            w, o, username=w.iam_target.username, password="", scope=o(w.data_center)
        ),
        outside_post=OK,
        own=pk("iam_self"),
    ),
    form(
        "account:iam:user_disable",
        **IAM_WRITE,
        kwargs=pk("iam_target"),
        own=pk("iam_self"),
    ),
    action(
        "account:iam:user_enable",
        **IAM_WRITE,
        kwargs=pk("iam_disabled"),
        own=pk("iam_self"),
    ),
    form(
        "account:iam:user_delete",
        **IAM_WRITE,
        kwargs=pk("iam_target"),
        own=pk("iam_self"),
    ),
    form(
        "account:iam:partner_role_create",
        post=OK,
        **IAM_WRITE,
        data=role_data,
        note="the account has its one Partner role already: the form comes back (200)",
    ),
    page(
        "account:iam:role_preview",
        portal=IAM,
        query=lambda w, o: f"permission_profile={w.p_small.pk}",
    ),
    page(
        "account:iam:partner_role",
        portal=IAM,
        kwargs=pk("role_a"),
        checks={
            "owner": (role_controls,),
            "partner": (no_role_controls,),
            "partner_scoped": (no_role_controls,),
        },
        note="the partner may see the role it acts through, without its controls",
    ),
    form(
        "account:iam:partner_role_edit",
        **IAM_WRITE,
        kwargs=pk("role_a"),
        data=lambda w, o: role_data(w, o, name="Reseller access"),
        through_role=True,
        overrides=ROLE_NOT_HELD,
    ),
    action(
        "account:iam:partner_role_regenerate",
        **IAM_WRITE,
        kwargs=pk("role_a"),
        through_role=True,
        overrides=ROLE_NOT_HELD,
        refused_with_message=True,
        note="a connected role needs no token: refused with a message (303)",
    ),
    action(
        "account:iam:partner_role_self_connect",
        **IAM_WRITE,
        kwargs=pk("role_a"),
        through_role=True,
        overrides=ROLE_NOT_HELD,
        refused_with_message=True,
        note="A is no partner's own account: refused with a message (303)",
    ),
    form(
        "account:iam:partner_role_disable",
        **IAM_WRITE,
        kwargs=pk("role_a"),
        through_role=True,
        overrides=ROLE_NOT_HELD,
    ),
    action(
        "account:iam:partner_role_enable",
        **IAM_WRITE,
        kwargs=pk("role_a"),
        through_role=True,
        overrides=ROLE_NOT_HELD,
    ),
    form(
        "account:iam:partner_role_delete",
        **IAM_WRITE,
        kwargs=pk("role_a"),
        through_role=True,
        overrides=ROLE_NOT_HELD,
    ),
    page("account:iam:profiles", portal=IAM),
    form("account:iam:profile_create", portal=IAM, level=RW, data=profile_data),
    form(
        "account:iam:profile_edit",
        **IAM_WRITE,
        get_level=RO,
        kwargs=pk("p_edit"),
        data=lambda w, o: profile_data(w, o, name="Matrix Edited Profile"),
        own=lambda w, o: {"pk": o(w.p_self)},
        own_get=Expect(OK, checks=(profile_without_controls,), why="its own profile, read only"),
        checks={"iam_read_only": (profile_without_controls,)},
        note="the profile's page is also its edit form: Read Only sees it without controls",
    ),
    form(
        "account:iam:profile_delete",
        **IAM_WRITE,
        kwargs=pk("p_delete"),
        own=lambda w, o: {"pk": o(w.p_self)},
    ),
    page("account:iam:groups", portal=IAM),
    form(
        "account:iam:group_create",
        **IAM_WRITE,
        data=group_data,
        outside_data=lambda w, o: group_data(w, o, scope=o(w.data_center)),
        outside_post=OK,
    ),
    form(
        "account:iam:group_edit",
        **IAM_WRITE,
        kwargs=pk("group_target"),
        data=lambda w, o: group_data(w, o, name="Matrix Target Group"),
        outside_data=lambda w, o: group_data(
            w, o, name="Matrix Target Group", scope=o(w.data_center)
        ),
        outside_post=OK,
        own=pk("group_self"),
    ),
    form(
        "account:iam:group_delete",
        **IAM_WRITE,
        kwargs=pk("group_target"),
        own=pk("group_self"),
    ),
    page("account:iam:audit_log", portal=IAM),
]
