"""The route table: one row per URL pattern of the project.

A row names the pattern, the sample object that fills its URL (a builder ``(world, o)``: the
builder passes the object that identifies the sample through ``o`` so the test can ask the same
URL for a missing id), the methods it takes and the answer an entitled persona gets, with the
POST body that a valid submission needs. The answers of every other persona follow from the
rules in ``rules.py``; a row states only its exceptions (``overrides``).

The rows live by area: the top-level pages here, ``/a/<account id>/...`` in
``routes_account.py`` and ``routes_account_iam.py``, ``/partner/...`` in ``routes_partner.py``,
Django admin in ``routes_admin.py``; the ``Route`` dataclass and its builders in
``route_kinds.py``. This module assembles ``ROUTES``.
"""

from functools import partial

from iam.services.mail_preferences import unsubscribe_token
from tests.factories import PASSWORD

from .answers import FOUND, GET, NOT_FOUND, OK, SEE_OTHER, UNAUTHORIZED, Expect, refused
from .route_kinds import (
    Route,
    action,
    page,
)
from .routes_account import ACCOUNT_ASSETS_FORTICARE
from .routes_account_iam import ACCOUNT_IAM
from .routes_account_idp import ACCOUNT_IDP, TOP_IDP
from .routes_account_sub_users import ACCOUNT_SUB_USERS
from .routes_admin import ADMIN
from .routes_api import API
from .routes_organization import ACCOUNT_ORGANIZATION, ORGANIZATION_VIEW
from .routes_partner import PARTNER

__all__ = ["ACCOUNT", "ADMIN", "API", "PARTNER", "ROUTES", "TOP", "Route"]


WRONG_CLIENT = {"client_id": "no-such-client", "client_secret": "wrong"}


def to_account_a(w, o):
    return f"to=a-{o(w.account_a)}"


# Top-level pages ---------------------------------------------------------------------------

# Profile menu > My Account: every persona that logs in by email has their own; a person of an
# identity provider (and an IAM user) has none.
EMAIL_LOGIN_ONLY = {
    "idp_scoped": refused(NOT_FOUND, why="My Account is for people who log in by email"),
}
NEW_PASSWORD = "Matrix-new-Password-2025"

# The login pages: anonymous gets the form, a logged-in GET goes home.
login_page = partial(
    Route,
    get=FOUND,
    post=SEE_OTHER,
    login_required=False,
    overrides={"anonymous": {GET: Expect(OK)}},
)

TOP = [
    Route("home", get=FOUND, note="to the last context or the landing page"),
    page("healthz", login_required=False),
    login_page(
        "login",
        data=lambda w, o: {"email": w.owner_a.email, "password": PASSWORD},
        note="a logged-in GET goes home; a valid POST logs in (303)",
    ),
    login_page(
        "login_iam",
        data=lambda w, o: {
            "account": str(w.account_a.pk),
            "username": w.iam_scoped.username,
            "password": PASSWORD,
        },
    ),
    action("logout", login_required=False),
    page("choose_account"),
    page("switch_accounts"),
    page("switch_confirm", query=to_account_a, context_query=True),
    action(
        "select_context",
        data=lambda w, o: {"to": f"a-{o(w.account_a)}"},
        context_query=True,
    ),
    Route(
        "activate",
        post=OK,
        login_required=False,
        kwargs=lambda w, o: {"uidb64": "MQ", "token": "not-a-token"},
        data=lambda w, o: {"new_password1": PASSWORD, "new_password2": PASSWORD},
        note="a new member account's owner sets a password; a wrong link says so (200)",
    ),
    page("activate_done", login_required=False),
    Route(
        "mail_unsubscribe",
        post=OK,
        login_required=False,
        kwargs=lambda w, o: {"token": unsubscribe_token("matrix@example.test", "renewal")},
        note="the signed token is the authority (RFC 8058 one-click: no login, no CSRF)",
    ),
    page("my_account", overrides=EMAIL_LOGIN_ONLY),
    action(
        "my_account_name",
        data=lambda w, o: {"full_name": "Matrix Name"},
        overrides=EMAIL_LOGIN_ONLY,
    ),
    action(
        "my_account_email",
        data=lambda w, o: {"email": "matrix-new@example.test"},
        overrides=EMAIL_LOGIN_ONLY,
        note="the link goes to the new address; nothing changes until it is followed",
    ),
    action(
        "my_account_notifications",
        data=lambda w, o: {"renewal": "on"},
        overrides=EMAIL_LOGIN_ONLY,
    ),
    action(
        "my_account_password",
        data=lambda w, o: {
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "new_password_confirm": NEW_PASSWORD,
        },
        overrides=EMAIL_LOGIN_ONLY,
    ),
    Route(
        "my_account_email_confirm",
        post=OK,
        kwargs=lambda w, o: {"token": "not-a-token"},
        overrides=EMAIL_LOGIN_ONLY,
        note="a link that is no link (of nobody's): the page says so (200), nothing changes",
    ),
    page("api_schema", login_required=False, note="the OpenAPI contract names no data"),
    page("api_docs", login_required=False, note="its docs page (Swagger UI, our own files)"),
    # OAuth 2.0 (API users): client authentication, whoever is signed in to the portal.
    Route(
        "oauth_token",
        get=None,
        post=UNAUTHORIZED,
        login_required=False,
        data=lambda w, o: {"grant_type": "client_credentials", **WRONG_CLIENT},
        note="a wrong client secret: 401, whoever is signed in",
    ),
    Route(
        "oauth_revoke",
        get=None,
        post=UNAUTHORIZED,
        login_required=False,
        data=lambda w, o: {"token": "not-a-token", **WRONG_CLIENT},
        note="a wrong client secret: 401, whoever is signed in",
    ),
]


# /a/<account id>/... -----------------------------------------------------------------------

ACCOUNT = (
    ACCOUNT_ASSETS_FORTICARE + ACCOUNT_IAM + ACCOUNT_SUB_USERS + ACCOUNT_IDP + ACCOUNT_ORGANIZATION
)

ROUTES: list[Route] = TOP + TOP_IDP + ACCOUNT + PARTNER + ORGANIZATION_VIEW + API + ADMIN
