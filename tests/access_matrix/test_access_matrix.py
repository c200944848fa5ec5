"""Every route, every persona, GET and POST: the answer the rules demand.

The route table is ``routes.py``, the personas ``personas.py``, the rules ``rules.py``. A test
id reads ``<route>-<persona>-<method>``, e.g. ``account:iam:user_edit-stranger-POST``.
"""

import pytest
from django.contrib.messages import ERROR, get_messages
from django.db import connection
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.urls import reverse

from assets.models import Asset, AssetFolder
from forticare.models import BugColumnChoice, Ticket, TicketComment
from iam.models import AuditEvent, PartnerRole, PermissionProfile, User, UserGroup
from partners.models import Partner

from . import personas as p
from .answers import GET, NOT_FOUND, SEE_OTHER, assert_redirect, body, without_nonces
from .conftest import log_in
from .routes import ROUTES
from .rules import cases, expect
from .world_exports import api_token

MISSING = 999_999_999  # no account, no object has this id
# Where a context's pages live, for the check that a redirect stays inside it.
CONTEXTS = {
    "account": lambda w: f"/a/{w.account_a.pk}/",
    "partner": lambda w: "/partner/",
    "organization_view": lambda w: f"/o/{w.account_c.pk}/",
}


def _matrix():
    for route in ROUTES:
        for persona, method in cases(route):
            yield pytest.param(route, persona, method, id=f"{route.name}-{persona.name}-{method}")


def _real(obj, attribute="pk"):
    return getattr(obj, attribute)


def _missing(obj, attribute="pk"):
    return MISSING


def request_of(route, persona, method, world, *, twin=None):
    """The URL and the POST body of a row for a persona. ``twin`` asks the same of a missing
    account ("account") or of a missing sample object ("object": in the URL, or in the body
    when the body names the object outside the scope)."""
    posts_outside = (
        method != GET and persona.variant == "outside" and route.outside_data and not route.outside
    )
    o_url = o_data = _real
    if twin == "object" and posts_outside:
        o_data = _missing
    elif twin == "object":
        o_url = o_data = _missing
    if persona.variant == "outside" and route.outside:
        kwargs = route.outside(world, o_url)
    elif persona.variant == "own":
        kwargs = route.own(world, o_url)
    else:
        kwargs = route.kwargs(world, o_url)
    if route.path is not None:
        url = route.path(world, o_url)
    else:
        if route.area in ("account", "organization_view"):
            account = world.account_a if route.area == "account" else world.account_c
            kwargs = {"account_id": MISSING if twin == "account" else account.pk, **kwargs}
        url = reverse(route.name, kwargs=kwargs)
    if route.query is not None:
        url += "?" + route.query(world, o_url)
    if method == GET:
        return url, None
    builder = route.outside_data if posts_outside else route.data
    return url, builder(world, o_data) if builder else {}


def send(client, method, url, data, token):
    if method == GET:
        return client.get(url)
    return client.post(url, {**data, "csrfmiddlewaretoken": token})


# What a refused request must not change: whole tables, read with plain SQL (fast).
WATCHED = [
    PartnerRole,
    PermissionProfile,
    UserGroup,
    AssetFolder,
    Asset,
    Ticket,
    TicketComment,
    BugColumnChoice,
    AuditEvent,
    Partner,
]
USER_COLUMNS = [
    "id",
    "is_active",
    "username",
    "email",
    "password",
    "permission_profile_id",
    "scope_folder_id",
    "user_group_id",
    "session_epoch",
]


def database_state():
    with connection.cursor() as cursor:
        state = []
        tables = [(User._meta.db_table, ", ".join(USER_COLUMNS))]
        tables += [(model._meta.db_table, "*") for model in WATCHED]
        for table, columns in tables:
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY id")  # noqa: S608
            state.append((table, cursor.fetchall()))
    return state


def assert_same_answer(answer, twin, what):
    assert answer.status_code == twin.status_code, (
        f"{answer.status_code}, but {twin.status_code} for {what}"
    )
    assert answer.get("Location") == twin.get("Location"), f"another redirect than for {what}"
    if not getattr(answer, "streaming", False):
        lines = without_nonces(body(answer)).splitlines()
        twin_lines = without_nonces(body(twin)).splitlines()
        differ = [(a, b) for a, b in zip(lines, twin_lines, strict=False) if a != b]
        assert lines == twin_lines, f"another page than for {what}; first difference: " + (
            f"{differ[0][0].strip()!r} vs {differ[0][1].strip()!r}" if differ else "length"
        )


@pytest.mark.parametrize(("route", "persona", "method"), list(_matrix()))
def test_access(route, persona, method, world):
    expected = expect(route, persona, method)
    if persona.setup is not None:
        persona.setup(world)
    headers = {"HTTP_HX_REQUEST": "true"} if persona.htmx else {}
    client = Client(enforce_csrf_checks=True, **headers)
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    if route.area == "api":
        if persona.api_user is not None:
            token = api_token(world, persona.api_user)
            client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        if persona is p.OWNER:
            log_in(client, world, world.owner_a)
    elif (user := persona.user_for(world, route)) is not None:
        log_in(client, world, user)

    url, data = request_of(route, persona, method, world)
    before = database_state() if expected.refused and method != GET else None
    answer = send(client, method, url, data, token)

    why = f" ({expected.why})" if expected.why else ""
    assert answer.status_code in expected.statuses, (
        f"{method} {url}: got {answer.status_code}, expected {expected.label()}{why}"
    )
    assert_redirect(answer, expected, url)
    if answer.status_code == NOT_FOUND and route.area == "api":
        assert answer.json()["error"] == {
            "status": 404,
            "code": "not_found",
            "message": "Not found.",
        }
    elif answer.status_code == NOT_FOUND:
        # The portal's own page: of a missing id, or of a context the persona may not enter.
        page = body(answer)
        assert "Page not found" in page or "This account is not available to you" in page
    if expected.status == SEE_OTHER and route.area in CONTEXTS:
        context = CONTEXTS[route.area](world)
        assert answer["Location"].startswith(context), f"leaves the context: {answer['Location']}"
        if not expected.refused and not route.refused_with_message:
            errors = [str(m) for m in get_messages(answer.wsgi_request) if m.level >= ERROR]
            assert not errors, f"a valid {method} was refused: {errors}"
    for check in expected.checks:
        check(answer, world)
    if before is not None:
        assert database_state() == before, f"a refused {method} changed the database"

    if expected.twin:
        twin_url, twin_data = request_of(route, persona, method, world, twin=expected.twin)
        what = "a missing account" if expected.twin == "account" else "a missing id"
        if (twin_url, twin_data) == (url, data):
            # A method the route does not take, with nothing in the request to name an object.
            assert expected.or_status is not None, "the twin asks the same again"
            return
        assert_same_answer(answer, send(client, method, twin_url, twin_data, token), what)
