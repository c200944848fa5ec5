"""Route table rows under ``/a/<account id>/iam/``: users, Partner roles, profiles, groups."""

from functools import partial

from iam.permissions import Portal, Resource

from .answers import FOUND, NOT_FOUND, OK, Expect, body, refused
from .route_kinds import RO, RW, iam_page, iam_write_action, iam_write_form, outside_choice, pk

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


def api_user_data(w, o, *, username="matrix-new-api", scope=None):
    data = user_data(w, o, username=username, scope=scope)
    return {key: value for key, value in data.items() if not key.startswith("password")}


def edited_api_user_data(w, o, **fields):
    return api_user_data(w, o, username=w.api_target.username, **fields)


def edited_user_data(w, o, **fields):
    """iam_target's fields, its password left as it is."""
    return user_data(w, o, username=w.iam_target.username, password="", **fields)


def group_data(w, o, *, name="Matrix New Group", scope=None):
    return {
        "name": name,
        "description": "By the matrix",
        "permission_profile": w.p_small.pk,
        "scope_folder": scope if scope is not None else w.branch.pk,
    }


def edited_group_data(w, o, **fields):
    return group_data(w, o, name="Matrix Target Group", **fields)


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
# A credential set through a Partner role would outlive it: only of what the role created.
NOT_THEIRS = refused(NOT_FOUND, why="the customer's own API user: not created through the role")
NOT_HELD = refused(
    NOT_FOUND, twin="object", why="changes a grant wider than its own (SysAdmin, all assets)"
)

# A change of iam_target, of group_target; ``own``: the user, the group iam_self acts through.
iam_target_form = partial(iam_write_form, kwargs=pk("iam_target"), own=pk("iam_self"))
group_target_form = partial(iam_write_form, kwargs=pk("group_target"), own=pk("group_self"))

# A change of role_a, the SysAdmin role the partner acts through.
ROLE_A = {
    "kwargs": pk("role_a"),
    "through_role": True,
    "overrides": {"iam_scoped": NOT_HELD, "member_iam": NOT_HELD},
}
role_a_form = partial(iam_write_form, **ROLE_A)
role_a_action = partial(iam_write_action, **ROLE_A)


# /a/<account id>/iam/... -------------------------------------------------------------------

ACCOUNT_IAM = [
    # IAM
    iam_page("account:iam:home", get=FOUND, note="redirects to Users"),
    iam_page("account:iam:users"),
    iam_write_form("account:iam:user_create", **outside_choice(user_data, scope="data_center")),
    iam_target_form(
        "account:iam:user_edit", **outside_choice(edited_user_data, scope="data_center")
    ),
    iam_target_form("account:iam:user_disable"),
    iam_write_action("account:iam:user_enable", kwargs=pk("iam_disabled"), own=pk("iam_self")),
    iam_target_form("account:iam:user_delete"),
    iam_write_form(
        "account:iam:api_user_create", **outside_choice(api_user_data, scope="data_center")
    ),
    iam_page("account:iam:api_user", kwargs=pk("api_target")),
    iam_write_form(
        "account:iam:api_user_edit",
        kwargs=pk("api_target"),
        **outside_choice(edited_api_user_data, scope="data_center"),
    ),
    iam_write_form(
        "account:iam:api_user_regenerate",
        kwargs=pk("api_target"),
        overrides={name: NOT_THEIRS for name in ("partner", "partner_scoped")},
        note="a new secret, shown once on the API user's page (303 there)",
    ),
    iam_write_form(
        "account:iam:partner_role_create",
        post=OK,
        data=role_data,
        note="the account has its one Partner role already: the form comes back (200)",
    ),
    iam_page("account:iam:role_preview", query=lambda w, o: f"permission_profile={w.p_small.pk}"),
    iam_page(
        "account:iam:partner_role",
        kwargs=pk("role_a"),
        checks={
            "owner": (role_controls,),
            "partner": (no_role_controls,),
            "partner_scoped": (no_role_controls,),
        },
        note="the partner may see the role it acts through, without its controls",
    ),
    role_a_form(
        "account:iam:partner_role_edit", data=lambda w, o: role_data(w, o, name="Reseller access")
    ),
    iam_page(
        "account:iam:partner_role_token",
        level=RW,
        **ROLE_A,
        note="no token waits in the session here: the page says it was shown once",
    ),
    role_a_form(
        "account:iam:partner_role_regenerate",
        refused_with_message=True,
        note="GET asks; a connected role needs no token: refused with a message (303)",
    ),
    role_a_action(
        "account:iam:partner_role_self_connect",
        refused_with_message=True,
        note="A is no partner's own account: refused with a message (303)",
    ),
    role_a_form("account:iam:partner_role_disable"),
    role_a_action("account:iam:partner_role_enable"),
    role_a_form("account:iam:partner_role_delete"),
    iam_page("account:iam:profiles"),
    iam_write_form("account:iam:profile_create", data=profile_data),
    iam_write_form(
        "account:iam:profile_edit",
        get_level=RO,
        kwargs=pk("p_edit"),
        data=lambda w, o: profile_data(w, o, name="Matrix Edited Profile"),
        own=pk("p_self"),
        own_get=Expect(OK, checks=(profile_without_controls,), why="its own profile, read only"),
        checks={"iam_read_only": (profile_without_controls,)},
        note="the profile's page is also its edit form: Read Only sees it without controls",
    ),
    iam_write_form("account:iam:profile_delete", kwargs=pk("p_delete"), own=pk("p_self")),
    iam_page("account:iam:groups"),
    iam_write_form("account:iam:group_create", **outside_choice(group_data, scope="data_center")),
    group_target_form(
        "account:iam:group_edit", **outside_choice(edited_group_data, scope="data_center")
    ),
    group_target_form("account:iam:group_delete"),
    iam_page("account:iam:audit_log"),
]
