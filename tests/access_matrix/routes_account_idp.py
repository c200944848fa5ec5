"""Route table rows of External IdP roles: IAM > Identity Provider under ``/a/<account id>/``
(IAM Admin only), the roles of the Users page, and the top-level login pages of an account's
identity provider with the jump page (the IdP persona's own)."""

from iam.permissions import Level

from .answers import GET, LOGIN, NOT_FOUND, OK, POST, SEE_OTHER, Expect, refused
from .route_kinds import IAM, Route, iam_write_action, iam_write_form, outside_choice, page, pk

BAD_REQUEST = 400


def provider_data(w, o):
    return {"issuer": "http://127.0.0.1:9", "client_id": "m", "roles_claim": "groups"}


def role_data(w, o, *, name="Matrix IdP Role", scope=None):
    return {
        "name": name,
        "claim_value": "matrix-group",
        "permission_profile": w.p_small.pk,
        "scope_folder": scope if scope is not None else w.branch.pk,
    }


def edited_role_data(w, o, **fields):
    return role_data(w, o, name="Matrix IdP Target", **fields)


# The provider and its roles are the customer's own: a partner acting through its role
# finds none of them.
CUSTOMER_ONLY = {
    name: refused(NOT_FOUND, why="the identity provider and its roles are the customer's own")
    for name in ("partner", "partner_scoped", "partner_scoped_outside")
}
# The provider is IAM Admin's: the scoped IAM user (and the person acting like it through an
# IdP role), and the member account's IAM user, hold Read/Write only.
ADMIN_ONLY = {
    name: refused(NOT_FOUND, why="the identity provider is IAM Admin's")
    for name in ("iam_scoped", "member_iam")
} | CUSTOMER_ONLY
# A role in Branch East; Data Center's is outside the Branch Offices scope.
ROLE_TARGET = {
    "kwargs": pk("idp_role_target"),
    "outside": pk("idp_role_out"),
    "overrides": CUSTOMER_ONLY,
}

ACCOUNT_IDP = [
    Route(
        "account:iam:identity_provider",
        post=SEE_OTHER,
        portal=IAM,
        level=Level.ADMIN,
        data=provider_data,
        overrides=ADMIN_ONLY,
    ),
    iam_write_action(
        "account:iam:identity_provider_test",
        level=Level.ADMIN,
        overrides=ADMIN_ONLY,
        refused_with_message=True,
        note="the world's provider does not answer: the failure is the message",
    ),
    iam_write_form(
        "account:iam:idp_role_create",
        **outside_choice(role_data, scope="data_center"),
        overrides=CUSTOMER_ONLY,
    ),
    iam_write_form(
        "account:iam:idp_role_edit",
        **{**outside_choice(edited_role_data, scope="data_center"), **ROLE_TARGET},
    ),
    iam_write_form("account:iam:idp_role_disable", **ROLE_TARGET),
    iam_write_action("account:iam:idp_role_enable", **ROLE_TARGET),
    iam_write_form("account:iam:idp_role_delete", **ROLE_TARGET),
]

# Top level: the login of an account's identity provider, and the jump page.
TOP_IDP = [
    Route(
        "login_idp_start",
        post=OK,
        login_required=False,
        data=lambda w, o: {"account": str(w.account_b.pk)},
        note="Log in with your organization: the Account ID, then a link to its custom page",
    ),
    page(
        "login_idp",
        get=NOT_FOUND,
        login_required=False,
        kwargs=lambda w, o: {"account": str(o(w.account_b))},
        note="account B has no identity provider: the portal's 404, as a missing account",
    ),
    page(
        "login_idp_callback",
        get=BAD_REQUEST,
        login_required=False,
        note="no login in progress in this session: refused, nobody signed in",
    ),
    Route(
        "idp_roles",
        post=SEE_OTHER,
        data=lambda w, o: {"role": w.idp_role_self.pk},
        overrides={
            "idp_scoped": {GET: Expect(OK), POST: Expect(SEE_OTHER)},
            "anonymous": LOGIN,
            "*": refused(NOT_FOUND, why="the jump page is for people of an identity provider"),
        },
    ),
]
