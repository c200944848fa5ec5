"""The rules: which personas knock on a row, and the answer each must get.

These are the expected answers once issue 9 is fixed; they are the spec, not today's code.
Refusals come in this order, and a refusal is a 404, the same page as for a missing id:

1. the context: anonymous → the login page (htmx: HX-Redirect); a context the persona may
   not enter (another tenant, a pending / disabled / deleted role, an inactive partner) → 404;
2. the portal, level and resource (``iam.decorators.requires``), the Bug Tracker (partner
   users only) → 404;
3. the object: outside the Local scope, the grant the persona acts through, a grant wider
   than the persona's own, another partner's or a no longer live Partner role → 404.

A method the route does not take answers 405 to an entitled persona. To a refused one it may
answer 405 or 404, whichever check the view runs first: either way it must be the same answer
as for a missing id (the twin check), so it tells nothing.

An entitled persona gets the row's answer: 200 for a page, 303 for a valid POST (or 200 when
the row says the form comes back).
"""

from dataclasses import replace

from iam.permissions import Level, Portal

from . import personas as p
from .answers import (
    ADMIN_LOGIN,
    GET,
    LOGIN,
    LOGIN_HTMX,
    NOT_ALLOWED,
    NOT_FOUND,
    POST,
    UNAUTHORIZED,
    Expect,
    refused,
)
from .routes import Route

ACCOUNT_PERSONAS = [
    p.ANONYMOUS,
    p.ANONYMOUS_HTMX,
    p.STRANGER,
    p.OTHER_PARTNER,
    p.PARTNER_PENDING,
    p.PARTNER_DISABLED,
    p.PARTNER_DELETED,
    p.PARTNER_INACTIVE,
    p.OWNER,
    p.PARTNER,
    p.PARTNER_SCOPED,
    p.IAM_SCOPED,
    p.IDP_SCOPED,
    p.ORG_INSIDE,
    p.ORG_OUTSIDE,
    p.PARTNER_ORG,
    p.MEMBER_IAM,
    p.ROOT_OWNER,
    p.SUB_FULL,
    p.SUB_READ_ONLY,
    p.SUB_LIMITED,
]
PARTNER_PERSONAS = [
    p.ANONYMOUS,
    p.ANONYMOUS_HTMX,
    p.OWNER,
    p.PARTNER_INACTIVE,
    p.PARTNER,
    p.PARTNER_SCOPED,
    p.PARTNER_ORG,
]
ROLE_PAGE_PERSONAS = [p.PARTNER_PENDING, p.PARTNER_DISABLED, p.PARTNER_DELETED, p.OTHER_PARTNER]
TOP_PERSONAS = [
    p.ANONYMOUS,
    p.OWNER,
    p.STRANGER,
    p.PARTNER,
    p.PARTNER_DISABLED,
    p.PARTNER_INACTIVE,
    p.IDP_SCOPED,
]
ADMIN_PERSONAS = [p.ANONYMOUS, p.OWNER, p.PARTNER, p.STAFF]
API_PERSONAS = [
    p.ANONYMOUS,
    p.OWNER,  # signed in to the portal, no token
    p.API_SCOPED,
    p.API_NO_AM,
    p.API_OTHER_ACCOUNT,
    p.API_PARTNER,
    p.API_DISABLED,
]
ORGANIZATION_VIEW_PERSONAS = [
    p.ANONYMOUS,
    p.ANONYMOUS_HTMX,
    p.OWNER,
    p.PARTNER,
    p.STRANGER,
    p.ROOT_OWNER,
    p.ORG_INSIDE,
    p.ORG_OUTSIDE,
]


def cases(route: Route):
    """(persona, method) pairs checked on ``route``."""
    personas = {
        "account": ACCOUNT_PERSONAS,
        "partner": PARTNER_PERSONAS,
        "top": TOP_PERSONAS,
        "admin": ADMIN_PERSONAS,
        "organization_view": ORGANIZATION_VIEW_PERSONAS,
        "api": API_PERSONAS,
    }[route.area]
    personas = list(personas)
    if route.area == "account":
        if route.portal or route.bug_tracker:
            personas += [p.IAM_READ_ONLY]
        if route.portal:
            personas += [p.IAM_WITHOUT_PORTAL]
        if route.resource:
            personas += [p.IAM_WITHOUT_RESOURCE]
        if route.outside or route.outside_data:
            personas += [p.IAM_SCOPED_OUTSIDE, p.PARTNER_SCOPED_OUTSIDE, p.SUB_LIMITED_OUTSIDE]
        if route.own:
            personas += [p.IAM_SELF]
    if route.area == "api" and (route.outside or route.outside_data):
        personas += [p.API_SCOPED_OUTSIDE]
    if route.area == "partner":
        if route.partner_role_page:
            personas += ROLE_PAGE_PERSONAS
        if route.outside:
            personas += [p.PARTNER_SCOPED_OUTSIDE]
    for persona in personas:
        for method in (GET, POST):
            # An object outside the scope named only in a POST body: GET has nothing to name.
            if persona.variant == "outside" and method == GET and not route.outside:
                continue
            yield persona, method


def _entitled(route: Route, persona: p.Persona, method: str) -> Expect:
    status = route.get if method == GET else route.post
    if status is None:
        return refused(NOT_ALLOWED, why="a method the route does not take")
    return Expect(status, checks=route.checks.get(persona.name, ()))


def expect(route: Route, persona: p.Persona, method: str) -> Expect:
    overrides = route.overrides
    override = overrides.get(persona.name, overrides.get(persona.same_as, overrides.get("*")))
    if isinstance(override, Expect):
        return _or_not_allowed(route, method, override)
    if override is not None and method in override:
        return _or_not_allowed(route, method, override[method])
    if route.area == "admin":
        return _admin(route, persona, method)
    if route.area == "api":
        return _or_not_allowed(route, method, _api(route, persona, method))
    if route.area == "top":
        return _top(route, persona, method)
    return _in_context(route, persona, method)


def _admin(route, persona, method):
    if persona.staff or not route.login_required:
        return _entitled(route, persona, method)
    return route.refusal or ADMIN_LOGIN


def _api(route, persona, method):
    """The REST API: a live bearer token first (401), then the context (the partner's API is
    for API users of a Partner's own account), the portal and the object (404, the same as a
    missing id); a method an endpoint does not take, 405."""
    if persona.api_user is None or persona.setup is not None:
        return refused(UNAUTHORIZED, why="no live bearer token (a session is no way in)")
    twin = "object" if route.has_object else None
    if route.name.startswith("api:partner:") and not persona.api_partner:
        return refused(NOT_FOUND, why="not an API user of a Partner's own account")
    held = dict(persona.api_levels).get(route.portal, Level.NONE)
    if route.portal and held < route.level_for(method):
        return refused(NOT_FOUND, twin=twin, why="the API user's profile lacks the portal/level")
    if route.owned_by and persona.api_user != route.owned_by:
        return refused(NOT_FOUND, twin="object", why="another API user's export")
    if persona.variant == "outside":
        if method == POST and route.outside_data and not route.outside:
            return refused(route.outside_post, twin="object", why="names a choice outside")
        return refused(NOT_FOUND, twin="object", why="outside the API user's Local scope")
    if persona.api_elsewhere and route.has_object and not route.owned_by:
        return refused(NOT_FOUND, twin="object", why="an object of another account")
    return _entitled(route, persona, method)


def _not_taken(route, method) -> bool:
    return (route.get if method == GET else route.post) is None


def _or_not_allowed(route, method, expected: Expect) -> Expect:
    if expected.status == NOT_FOUND and _not_taken(route, method):
        return replace(expected, or_status=NOT_ALLOWED)
    return expected


def _top(route, persona, method):
    if persona.anonymous:
        return LOGIN if route.login_required else _entitled(route, persona, method)
    if route.context_query and not persona.enters_account:
        expected = refused(NOT_FOUND, twin="object", why="a context it may not enter")
        return _or_not_allowed(route, method, expected)
    return _entitled(route, persona, method)


def _in_context(route, persona, method):
    # 1. The context.
    if persona.anonymous:
        return LOGIN_HTMX if persona.htmx else LOGIN
    if route.area == "account" and not persona.enters_account:
        return refused(NOT_FOUND, twin="account", why="may not enter account A")
    if route.area == "partner" and not persona.visits_as_partner:
        return refused(NOT_FOUND, why="may not visit as Partner")
    if route.area == "organization_view" and not persona.enters_organization_view:
        return refused(NOT_FOUND, twin="account", why="may not open C's organization view")
    return _or_not_allowed(route, method, _in_context_refusal(route, persona, method))


def _in_context_refusal(route, persona, method):
    # 2. The portal, level, resource; the Bug Tracker.
    twin = "object" if route.has_object else None
    if route.bug_tracker and not persona.partner_user:
        return refused(NOT_FOUND, twin=twin, why="the Bug Tracker is for partner users")
    if route.master_only and persona is not p.OWNER:
        return refused(NOT_FOUND, twin=twin, why="the master user's own (sub users)")
    held = dict(persona.levels).get(route.portal, Level.NONE)
    if route.portal and (
        (persona.without_iam and route.portal == Portal.IAM)
        or (persona.levels and held < route.level_for(method))
        or persona.without_portal
        or (persona.read_only and route.level_for(method) > Level.READ_ONLY)
        or (persona.without_resource and route.resource)
    ):
        return refused(NOT_FOUND, twin=twin, why="the portal, level or resource is missing")
    # 3. The object.
    if route.owned_by and persona.user != route.owned_by:
        return refused(NOT_FOUND, twin="object", why="another user's export")
    if route.member_object and not persona.reaches_a_in_view:
        return refused(NOT_FOUND, twin="object", why="account A is not in its organization view")
    if persona.variant == "outside":
        if method == POST and route.outside_data and not route.outside:
            return refused(route.outside_post, twin="object", why="names a folder/unit outside")
        return refused(NOT_FOUND, twin="object", why="outside the Local scope")
    if persona.variant == "own":
        if method == GET and route.own_get is not None:
            return route.own_get
        return refused(NOT_FOUND, twin="object", why="the grant it acts through")
    if route.through_role and persona.acts_through_role:
        return refused(NOT_FOUND, twin="object", why="the Partner role it acts through")
    if route.partner_role_page and persona not in (p.PARTNER, p.PARTNER_SCOPED):
        return refused(NOT_FOUND, twin="object", why="not the partner's live role")
    return _entitled(route, persona, method)
