"""The route table: one row per URL pattern of the project.

A row names the pattern, the sample object that fills its URL (a builder ``(world, o)``: the
builder passes the object that identifies the sample through ``o`` so the test can ask the same
URL for a missing id), the methods it takes and the answer an entitled persona gets, with the
POST body that a valid submission needs. The answers of every other persona follow from the
rules in ``rules.py``; a row states only its exceptions (``overrides``).

Django admin: every ``admin:`` pattern of the admin site has its own row (``ADMIN_SITE``);
every registered ModelAdmin is one group row in ``ADMIN_MODELS``, which claims the five names
``admin:<app>_<model>_{changelist,add,history,delete,change}`` and the unnamed
``admin/<app>/<model>/<path:object_id>/`` redirect, and expands to one row each. Unnamed
patterns are keyed by their full route string.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType

from iam.models import Account
from iam.permissions import Level, Portal, Resource
from tests.factories import PASSWORD

from .answers import (
    FOUND,
    GET,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    POST,
    SEE_OTHER,
    Check,
    Expect,
    body,
    refused,
)
from .world import HISTORY_MARKER, World

AM, FC, IAM = Portal.ASSET_MANAGEMENT, Portal.FORTICARE, Portal.IAM
RO, RW = Level.READ_ONLY, Level.READ_WRITE

Builder = Callable[[World, Callable], dict]


def no_kwargs(w, o):
    return {}


def pk(attribute: str) -> Builder:
    """URL kwargs ``pk`` of the world's ``attribute``."""
    return lambda w, o: {"pk": o(getattr(w, attribute))}


@dataclass(frozen=True)
class Route:
    name: str  # the namespaced pattern name; for an unnamed pattern, its full route
    get: int | None = OK  # the entitled answer to GET; None: the view does not take GET
    post: int | None = None  # the entitled answer to POST with ``data``; None: not taken
    kwargs: Builder = no_kwargs  # URL kwargs naming the sample object (not account_id)
    data: Builder | None = None  # the POST body
    query: Callable[[World, Callable], str] | None = None  # query string, both methods
    path: Callable[[World, Callable], str] | None = None  # the URL of an unnamed pattern
    portal: str | None = None  # refused (404) to an IAM user without it
    level: int = RO  # the portal level the route needs ...
    get_level: int | None = None  # ... or, for GET, this one
    resource: str | None = None  # Asset Management resource the route needs
    # Local scope: URL kwargs / a POST body naming an object outside "Branch Offices", and the
    # answer to that body (a choice that is not in a form's choices re-renders it: 200).
    outside: Builder | None = None
    outside_data: Builder | None = None
    outside_post: int = NOT_FOUND
    # URL kwargs naming the grant the acting IAM user acts through (its user, group, profile),
    # and the answer to GET of it when the page may show (without its controls).
    own: Builder | None = None
    own_get: Expect | None = None
    through_role: bool = False  # a change of role_a: the partner acting through it gets 404
    partner_role_page: bool = False  # /partner/.../<role>/: only the partner's own live role
    bug_tracker: bool = False  # partner users only
    login_required: bool = True  # top-level and admin rows: anonymous is sent to log in
    context_query: bool = False  # top-level: the query or body names context A
    refusal: Expect | None = None  # admin rows: the answer to a non-staff persona
    checks: Mapping[str, tuple[Check, ...]] = field(default_factory=dict)  # persona -> on 200
    # The entitled POST is a refusal with an error message (303): the state forbids it.
    refused_with_message: bool = False
    overrides: Mapping[str, Expect | Mapping[str, Expect]] = field(default_factory=dict)
    note: str = ""

    @property
    def area(self) -> str:
        if self.name.startswith("account:"):
            return "account"
        if self.name.startswith("partner:"):
            return "partner"
        if self.name.startswith("admin"):
            return "admin"
        return "top"

    @property
    def has_object(self) -> bool:
        return self.kwargs is not no_kwargs or self.context_query

    def level_for(self, method: str) -> int:
        return self.get_level if method == GET and self.get_level is not None else self.level


def page(name, **fields) -> Route:
    """A page: GET only."""
    return Route(name, get=OK, post=None, **fields)


def form(name, post=SEE_OTHER, **fields) -> Route:
    """A page with a form (or a confirmation) that POSTs to itself."""
    return Route(name, get=OK, post=post, **fields)


def action(name, post=SEE_OTHER, **fields) -> Route:
    """POST only (a button)."""
    return Route(name, get=None, post=post, **fields)


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


def profile_without_controls(response, w):
    assert "Update</button>" not in body(response), "the profile can be updated"


# POST bodies -------------------------------------------------------------------------------

NEW_PASSWORD = "Matrix-Horse-Battery-42"


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


def to_account_a(w, o):
    return f"to=a-{o(w.account_a)}"


# The answer to a persona that holds less than the row's sample grants.
NOT_HELD = refused(
    NOT_FOUND, twin="object", why="changes a grant wider than its own (SysAdmin, all assets)"
)
ROLE_NOT_HELD = {"iam_scoped": NOT_HELD}

# Top-level pages ---------------------------------------------------------------------------

TOP = [
    Route("home", get=FOUND, note="to the last context or the landing page"),
    page("healthz", login_required=False),
    Route(
        "login",
        get=FOUND,
        post=SEE_OTHER,
        login_required=False,
        data=lambda w, o: {"email": w.owner_a.email, "password": PASSWORD},
        overrides={"anonymous": {GET: Expect(OK)}},
        note="a logged-in GET goes home; a valid POST logs in (303)",
    ),
    Route(
        "login_iam",
        get=FOUND,
        post=SEE_OTHER,
        login_required=False,
        data=lambda w, o: {
            "account": str(w.account_a.pk),
            "username": w.iam_scoped.username,
            "password": PASSWORD,
        },
        overrides={"anonymous": {GET: Expect(OK)}},
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
]

# /a/<account id>/... -----------------------------------------------------------------------

ACCOUNT = [
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
    # IAM
    Route("account:iam:home", get=FOUND, portal=IAM, note="redirects to Users"),
    page("account:iam:users", portal=IAM),
    form(
        "account:iam:user_create",
        portal=IAM,
        level=RW,
        data=user_data,
        outside_data=lambda w, o: user_data(w, o, scope=o(w.data_center)),
        outside_post=OK,
    ),
    form(
        "account:iam:user_edit",
        portal=IAM,
        level=RW,
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
        portal=IAM,
        level=RW,
        kwargs=pk("iam_target"),
        own=pk("iam_self"),
    ),
    action(
        "account:iam:user_enable",
        portal=IAM,
        level=RW,
        kwargs=pk("iam_disabled"),
        own=pk("iam_self"),
    ),
    form(
        "account:iam:user_delete",
        portal=IAM,
        level=RW,
        kwargs=pk("iam_target"),
        own=pk("iam_self"),
    ),
    form(
        "account:iam:partner_role_create",
        post=OK,
        portal=IAM,
        level=RW,
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
        portal=IAM,
        level=RW,
        kwargs=pk("role_a"),
        data=lambda w, o: role_data(w, o, name="Reseller access"),
        through_role=True,
        overrides=ROLE_NOT_HELD,
    ),
    action(
        "account:iam:partner_role_regenerate",
        portal=IAM,
        level=RW,
        kwargs=pk("role_a"),
        through_role=True,
        overrides=ROLE_NOT_HELD,
        refused_with_message=True,
        note="a connected role needs no token: refused with a message (303)",
    ),
    action(
        "account:iam:partner_role_self_connect",
        portal=IAM,
        level=RW,
        kwargs=pk("role_a"),
        through_role=True,
        overrides=ROLE_NOT_HELD,
        refused_with_message=True,
        note="A is no partner's own account: refused with a message (303)",
    ),
    form(
        "account:iam:partner_role_disable",
        portal=IAM,
        level=RW,
        kwargs=pk("role_a"),
        through_role=True,
        overrides=ROLE_NOT_HELD,
    ),
    action(
        "account:iam:partner_role_enable",
        portal=IAM,
        level=RW,
        kwargs=pk("role_a"),
        through_role=True,
        overrides=ROLE_NOT_HELD,
    ),
    form(
        "account:iam:partner_role_delete",
        portal=IAM,
        level=RW,
        kwargs=pk("role_a"),
        through_role=True,
        overrides=ROLE_NOT_HELD,
    ),
    page("account:iam:profiles", portal=IAM),
    form("account:iam:profile_create", portal=IAM, level=RW, data=profile_data),
    form(
        "account:iam:profile_edit",
        portal=IAM,
        level=RW,
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
        portal=IAM,
        level=RW,
        kwargs=pk("p_delete"),
        own=lambda w, o: {"pk": o(w.p_self)},
    ),
    page("account:iam:groups", portal=IAM),
    form(
        "account:iam:group_create",
        portal=IAM,
        level=RW,
        data=group_data,
        outside_data=lambda w, o: group_data(w, o, scope=o(w.data_center)),
        outside_post=OK,
    ),
    form(
        "account:iam:group_edit",
        portal=IAM,
        level=RW,
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
        portal=IAM,
        level=RW,
        kwargs=pk("group_target"),
        own=pk("group_self"),
    ),
    page("account:iam:audit_log", portal=IAM),
]

# /partner/... ("Visit as Partner") ---------------------------------------------------------


PARTNER = [
    page("partner:dashboard"),
    page("partner:assets:product_list", portal=AM),
    page("partner:assets:decommissioned", portal=AM),
    page("partner:forticare:all_tickets", portal=FC),
    form(
        "partner:forticare:ticket_create",
        post=OK,
        portal=FC,
        data=ticket_data,
        note="asks which account first; a POST gets the same choice (200)",
    ),
    page("partner:forticare:ticket", portal=FC, kwargs=pk("ticket_in"), outside=pk("ticket_out")),
    page("partner:forticare:bugs", bug_tracker=True),
    action(
        "partner:forticare:bug_columns",
        bug_tracker=True,
        data=lambda w, o: {"columns": ["number", "summary"]},
    ),
    page(
        "partner:forticare:bug",
        bug_tracker=True,
        kwargs=lambda w, o: {"number": o(w.bug, "number")},
    ),
    page("partner:partners:partner_account"),
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

# Django admin ------------------------------------------------------------------------------

TO_PORTAL_LOGIN = Expect(FOUND, redirect="/login/", why="the portal's (throttled) login page")
ADMIN_INDEX = refused(FOUND, redirect="/admin/", why="not staff: logout goes to the index")


def _account_content_type(w, o):
    return {
        "content_type_id": ContentType.objects.get_for_model(Account).pk,
        "object_id": o(w.account_c),
    }


ADMIN_SITE = [
    Route("admin:index", post=OK),
    Route(
        "admin:login",
        get=FOUND,
        post=FOUND,
        login_required=False,
        overrides={"*": TO_PORTAL_LOGIN},
        note="shadowed by the project's admin/login/ redirect",
    ),
    Route(
        "admin/login/",
        get=FOUND,
        post=FOUND,
        path=lambda w, o: "/admin/login/",
        login_required=False,
        overrides={"*": TO_PORTAL_LOGIN},
    ),
    Route("admin:logout", get=None, post=OK, refusal=ADMIN_INDEX),
    Route("admin:password_change", post=OK, note="an empty body: the form with its errors"),
    page("admin:password_change_done"),
    Route(
        "admin:autocomplete",
        query=lambda w, o: "app_label=iam&model_name=user&field_name=account&term=Alpha",
    ),
    page("admin:jsi18n"),
    Route(
        "admin:view_on_site",
        get=NOT_FOUND,
        post=NOT_FOUND,
        kwargs=_account_content_type,
        note="no model has a page on the site",
    ),
    Route("admin:app_list", post=OK, kwargs=lambda w, o: {"app_label": "iam"}),
    Route(
        "admin:auth_user_password_change",
        post=OK,
        kwargs=lambda w, o: {"id": o(w.owner_b)},
        note="UserAdmin's own route; an empty body: the form with its errors",
    ),
    Route(
        "admin/(?P<url>.*)$",
        get=NOT_FOUND,
        post=NOT_FOUND,
        path=lambda w, o: "/admin/matrix-nowhere/",
    ),
]


@dataclass(frozen=True)
class AdminModel:
    """A registered ModelAdmin, its sample object and what the ModelAdmin lets staff do."""

    sample: Callable[[World], object]
    add: bool = True
    change: bool = True
    delete: bool = True


ADMIN_MODELS = {
    "auth.group": AdminModel(lambda w: w.auth_group),
    "iam.account": AdminModel(lambda w: w.account_c),
    "iam.user": AdminModel(lambda w: w.iam_disabled),
    "iam.partnerrole": AdminModel(lambda w: w.role_b),
    "iam.auditevent": AdminModel(lambda w: w.history_event, add=False, change=False, delete=False),
    "iam.permissionprofile": AdminModel(lambda w: w.p_delete),
    "iam.usergroup": AdminModel(lambda w: w.group_target),
    "iam.loginfailure": AdminModel(lambda w: w.login_failure, add=False, change=False),
    "iam.legacypartnerconnection": AdminModel(lambda w: w.legacy),
    "partners.partner": AdminModel(lambda w: w.spare_partner),
    "assets.assetfolder": AdminModel(lambda w: w.data_center_spare),
    "assets.productmodel": AdminModel(lambda w: w.spare_model),
    "assets.asset": AdminModel(lambda w: w.gone_out),
    "assets.contractcode": AdminModel(lambda w: w.contract_code),
    "forticare.bug": AdminModel(lambda w: w.bug),
    "forticare.ticket": AdminModel(lambda w: w.ticket_closed),
}

FORBIDDEN_TO_STAFF = 403


def admin_model_routes(label: str, model: AdminModel) -> list[Route]:
    """The group row of one ModelAdmin, expanded: staff's answers follow its permissions."""
    app, name = label.split(".")
    prefix = f"admin:{app}_{name}"

    def obj(w, o):
        return {"object_id": o(model.sample(w))}

    def allowed(permitted, answer):
        return answer if permitted else FORBIDDEN_TO_STAFF

    return [
        Route(f"{prefix}_changelist", post=OK, note="no action chosen: the list again"),
        Route(
            f"{prefix}_add",
            get=allowed(model.add, OK),
            post=allowed(model.add, OK),
            note="an empty body: the form with its errors",
        ),
        Route(
            f"{prefix}_change",
            post=allowed(model.change, OK),
            kwargs=obj,
            note="an empty body: the form with its errors",
        ),
        Route(f"{prefix}_history", post=OK, kwargs=obj),
        Route(
            f"{prefix}_delete",
            get=allowed(model.delete, OK),
            post=allowed(model.delete, FOUND),
            kwargs=obj,
            data=lambda w, o: {"post": "yes"},
            note="confirmed: deleted, back to the list",
        ),
        Route(
            f"admin/{app}/{name}/<path:object_id>/",
            get=FOUND,
            post=FOUND,
            path=lambda w, o: f"/admin/{app}/{name}/{o(model.sample(w))}/",
            note="the old change URL, redirected",
        ),
    ]


ADMIN = ADMIN_SITE + [
    route for label, model in ADMIN_MODELS.items() for route in admin_model_routes(label, model)
]

ROUTES: list[Route] = TOP + ACCOUNT + PARTNER + ADMIN
