"""Route table rows of Django admin.

Django admin: every ``admin:`` pattern of the admin site has its own row (``ADMIN_SITE``);
every registered ModelAdmin is one group row in ``ADMIN_MODELS``, which claims the five names
``admin:<app>_<model>_{changelist,add,history,delete,change}`` and the unnamed
``admin/<app>/<model>/<path:object_id>/`` redirect, and expands to one row each. Unnamed
patterns are keyed by their full route string.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.contrib.contenttypes.models import ContentType

from iam.models import Account

from .answers import FOUND, NOT_FOUND, OK, Expect, refused
from .route_kinds import Route, page
from .world import World

# Django admin ------------------------------------------------------------------------------

TO_PORTAL_LOGIN = Expect(FOUND, redirect="/login/", why="the portal's (throttled) login page")
ADMIN_INDEX = refused(FOUND, redirect="/admin/", why="not staff: logout goes to the index")


def _account_content_type(w, o):
    return {
        "content_type_id": ContentType.objects.get_for_model(Account).pk,
        "object_id": o(w.account_c),
    }


# The admin's own login page is shadowed by the project's redirect to the portal's login.
to_portal_login = partial(
    Route, get=FOUND, post=FOUND, login_required=False, overrides={"*": TO_PORTAL_LOGIN}
)

ADMIN_SITE = [
    Route("admin:index", post=OK),
    to_portal_login("admin:login", note="shadowed by the project's admin/login/ redirect"),
    to_portal_login("admin/login/", path=lambda w, o: "/admin/login/"),
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
    "iam.outboxmail": AdminModel(lambda w: w.outbox_mail, add=False, change=False, delete=False),
    "partners.partner": AdminModel(lambda w: w.spare_partner),
    "assets.assetfolder": AdminModel(lambda w: w.data_center_spare),
    "assets.productmodel": AdminModel(lambda w: w.spare_model),
    "assets.asset": AdminModel(lambda w: w.gone_out),
    "assets.contractcode": AdminModel(lambda w: w.contract_code),
    "assets.renewalrequest": AdminModel(lambda w: w.renewal_in, add=False),
    "forticare.bug": AdminModel(lambda w: w.bug),
    "forticare.ticket": AdminModel(lambda w: w.ticket_closed),
    "forticare.resourcelink": AdminModel(lambda w: w.resource_link),
    "forticare.bulletin": AdminModel(lambda w: w.bulletin),
    "django_tasks_database.dbtaskresult": AdminModel(
        lambda w: w.task_result, add=False, change=False, delete=False
    ),
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
