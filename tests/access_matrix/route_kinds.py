"""The row of the route table (``routes.py``): the ``Route`` dataclass and its builders."""

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urlencode

from iam.permissions import Level, Portal

from .answers import GET, NOT_FOUND, OK, SEE_OTHER, Check, Expect
from .world import World

AM, FC, IAM = Portal.ASSET_MANAGEMENT, Portal.FORTICARE, Portal.IAM
RO, RW = Level.READ_ONLY, Level.READ_WRITE

Builder = Callable[[World, Callable], dict]


def no_kwargs(w, o):
    return {}


def pk(attribute: str) -> Builder:
    """URL kwargs ``pk`` of the world's ``attribute``."""
    return lambda w, o: {"pk": o(getattr(w, attribute))}


def uuid_pk(attribute: str) -> Builder:
    """URL kwargs ``pk`` of the world's ``attribute`` whose id is a UUID (a missing id: that
    number as a UUID)."""

    def kwargs(w, o):
        value = o(getattr(w, attribute))
        return {"pk": value if isinstance(value, uuid.UUID) else uuid.UUID(int=value)}

    return kwargs


def sample(inside: str, outside: str) -> dict:
    """Row fields: the sample object (URL kwargs ``pk``) inside the Local scope, and its twin
    outside it."""
    return {"kwargs": pk(inside), "outside": pk(outside)}


def outside_choice(data: Builder, **outside: str) -> dict:
    """Row fields of a form with a choice (of folder, of unit): the POST body ``data``, and that
    body with a choice outside the Local scope (``data``'s keyword: the world's attribute). Such
    a choice is not among the form's choices: the form comes back (200)."""

    def outside_data(w, o):
        return data(w, o, **{key: o(getattr(w, name)) for key, name in outside.items()})

    return {"data": data, "outside_data": outside_data, "outside_post": OK}


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
    owned_by: str | None = None  # the World user whose own sample it is (an export): only theirs
    bug_tracker: bool = False  # partner users only
    member_object: bool = False  # organization view: a sample of A, reached once A is a member
    master_only: bool = False  # account A's master user only (sub users and their migration)
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
        if self.name.startswith("organization_view:"):
            return "organization_view"
        if self.name.startswith("api:"):
            return "api"
        if self.name.startswith("admin"):
            return "admin"
        return "top"

    @property
    def has_object(self) -> bool:
        return self.kwargs is not no_kwargs or self.context_query

    def level_for(self, method: str) -> int:
        return self.get_level if method == GET and self.get_level is not None else self.level


def page(name, get=OK, **fields) -> Route:
    """A page: GET only (``get``: its answer, 200 unless it redirects)."""
    return Route(name, get=get, post=None, **fields)


def form(name, post=SEE_OTHER, **fields) -> Route:
    """A page with a form (or a confirmation) that POSTs to itself."""
    return Route(name, get=OK, post=post, **fields)


def action(name, post=SEE_OTHER, **fields) -> Route:
    """POST only (a button)."""
    return Route(name, get=None, post=post, **fields)


# The rows of a portal: its pages (Read Only), and its changes (Read/Write).
am_page = partial(page, portal=AM)
am_write_form = partial(form, portal=AM, level=RW)
am_write_action = partial(action, portal=AM, level=RW)
fc_page = partial(page, portal=FC)
fc_write_form = partial(form, portal=FC, level=RW)
fc_write_action = partial(action, portal=FC, level=RW)
iam_page = partial(page, portal=IAM)
iam_write_form = partial(form, portal=IAM, level=RW)
iam_write_action = partial(action, portal=IAM, level=RW)


def export_routes(area: str, list_name: str, export: str, owner: str, **fields) -> list[Route]:
    """The exports of a context: Start Export of ``list_name`` (GET: its page; POST: a job),
    then the job's page and its download, of the World's ``export``, ``owner``'s own."""
    start = {"list": list_name, "kind": "csv", "query": ""}
    return [
        form(
            f"{area}:export_start",
            query=lambda w, o: urlencode(start),
            data=lambda w, o: dict(start),
            **fields,
        ),
        page(f"{area}:export_job", kwargs=uuid_pk(export), owned_by=owner),
        page(f"{area}:export_download", kwargs=uuid_pk(export), owned_by=owner),
    ]
