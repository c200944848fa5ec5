"""Bad input never becomes a 500: hostile query parameters and form fields on every route.

The fuzz test walks the URL resolver, so a new page is fuzzed the day it ships. Each route is
visited by a persona who may open it (the owner of account A under ``/a/<id>/``, the partner
user under ``/partner/`` and on the account chooser, a staff user in Django admin, nobody on the
login pages). Parameter names are the known ones plus every name the portal's own pages put in a
GET form or a link; POST fields are read from the forms the pages render. Every request runs in
a savepoint that is rolled back, so each one sees the same small world.
"""

import base64
import json
import logging
import re
import socket
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import InterfaceError, OperationalError, connection, transaction
from django.test import Client
from django.urls import URLResolver, get_resolver

from assets.models import AssetFolder
from forticare.models import Bug, Ticket, TicketComment
from forticloud.views import server_error
from forticloud.web.listing import parse_id
from iam.forms.partner_roles import PartnerRoleForm
from iam.models import User
from tests.assets.conftest import make_asset
from tests.conftest import csrf_token, skip_or_fail
from tests.factories import (
    PASSWORD,
    AccountFactory,
    FolderFactory,
    GroupFactory,
    OwnerFactory,
    ProfileFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE = [
    "²",
    "①",
    "٣",
    "-1",
    "99999999999999999999999",
    "abc",
    "\x00",
    "%00",
    "x" * 5000,
    "[]",
    '{"a":1}',
    "../../etc/passwd",
    "' OR 1=1 --",
    # Shaped like what the parameter expects, with a Unicode digit or out of range.
    "a-²",
    "a-99999999999999999999999",
    "1²",
    "2024-01-3²",
    # A keyset cursor (after=) whose sort value holds a NUL byte.
    base64.urlsafe_b64encode(json.dumps(["\x00", 1]).encode()).decode(),
]
# One of each kind, for the requests that set one field at a time and for Django admin.
EACH_KIND = ["²", "٣", "-1", "99999999999999999999999", "abc", "\x00", "x" * 5000]
ADMIN_VALUES = ["²", "99999999999999999999999", "abc", "\x00", "x" * 5000, "' OR 1=1 --"]
# Every query parameter some page reads, plus Django admin's own; the pages add theirs.
KNOWN_PARAMETERS = [
    "q",
    "type",
    "status",
    "sort",
    "page",
    "after",
    "folder",
    "company",
    "coverage",
    "since",
    "until",
    "export",
    "tab",
    "to",
    "actor",
    "action",
    "permission_profile",
    "next",
    "step",
    "back",
    "columns",
]
ADMIN_PARAMETERS = ["q", "o", "p", "all", "_popup", "_to_field", "_changelist_filters"]
# Fields of forms the small world never renders (a second Partner role, the Accept step).
EXTRA_POST_FIELDS = {
    "account:iam:partner_role_create": dict.fromkeys(PartnerRoleForm.base_fields, ""),
    "partner:partners:connect_account": {
        "step": "accept",
        "token": "fuzz-token",
        "notification_email": "fuzz@example.test",
        "acknowledge": "on",
    },
}
DEFAULTS_BY_TYPE = {
    "email": "fuzz@example.test",
    "password": "fuzz-Password-4821",
    "number": "1",
    "date": "2024-01-31",
    "url": "https://example.test/",
}


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name, value):
        self.fields.setdefault(name, [])
        if value is not None:
            self.fields[name].append(value)


class FormParser(HTMLParser):
    """The forms of a page (fields with the values a browser would send) and its links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form = None
        self._select = None
        self._textarea = None
        self._options = []

    def handle_starttag(self, tag, attrs):
        a = {k: v if v is not None else "" for k, v in attrs}
        for attribute in ("href", "hx-get"):
            if a.get(attribute):
                self.links.append(a[attribute])
        if tag == "form":
            self._form = Form(method=a.get("method", "get").lower(), action=a.get("action", ""))
            self.forms.append(self._form)
        form, name = self._form, a.get("name")
        if form is None or not name:
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                form.add(name, a.get("value", "on") if "checked" in a else None)
            else:
                form.add(name, a.get("value") or DEFAULTS_BY_TYPE.get(kind, "fuzz"))
        elif tag == "select":
            self._select, self._options = name, []
            form.add(name, None)
        elif tag == "option" and self._select:
            value = a.get("value", "")
            self._options.append(value)
            if "selected" in a:
                form.add(self._select, value)
        elif tag == "textarea":
            self._textarea = name
            form.add(name, None)

    def handle_data(self, data):
        if self._textarea and self._form is not None and data.strip():
            self._form.add(self._textarea, data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select and self._form is not None:
            chosen = self._form.fields[self._select]
            if not chosen:
                # Like a browser: the first option, or a real one when the first is a blank.
                real = [o for o in self._options if o]
                chosen.append(real[0] if real else "")
            self._select = None
        elif tag == "textarea" and self._textarea and self._form is not None:
            if not self._form.fields[self._textarea]:
                self._form.fields[self._textarea].append("fuzz")
            self._textarea = None


def walk(patterns, prefix="", namespaces=()):
    """(route, name, pattern) of every URL pattern, resolvers included recursively."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            more = (pattern.namespace,) if pattern.namespace else ()
            yield from walk(pattern.url_patterns, route, namespaces + more)
        else:
            yield route, ":".join((*namespaces, pattern.name or "")), pattern


@dataclass
class Route:
    route: str
    name: str
    url: str


class FuzzWorld:
    """The conftest ``world`` plus one of each object a URL can name."""

    def __init__(self, world):
        self.world = world
        self.asset = make_asset(world.account_a)
        self.folder = FolderFactory(account=world.account_a, name="Branch Offices")
        self.ticket = Ticket.objects.create(
            account=world.account_a,
            asset=self.asset,
            subject="Port2 flaps",
            description="Since the upgrade.",
            request_type=Ticket.RequestType.TECHNICAL_SUPPORT,
            ticket_type=Ticket.TicketType.CUSTOMER,
            creator=world.owner_a,
            creator_label=str(world.owner_a),
        )
        TicketComment.objects.create(ticket=self.ticket, author_label="owner", body="Any news?")
        self.bug = Bug.objects.create(
            number=1164092, project="FortiOS", status="new", summary="Traffic stops"
        )
        self.profile = ProfileFactory(account=world.account_a, name="Help desk")
        self.group = GroupFactory(account=world.account_a, permission_profile=self.profile)
        self.staff = StaffFactory()
        # The partner owns a FortiCloud account too, so its Partner Account page has content.
        world.partner.account = AccountFactory(company_name="Reseller One Own")
        world.partner.save()
        self.by_segment = {
            "units": self.asset.pk,
            "folders": self.folder.pk,
            "tickets": self.ticket.pk,
            "users": world.iam_a.pk,
            "partner-roles": world.role_a.pk,
            "profiles": self.profile.pk,
            "groups": self.group.pk,
            "connected-accounts": world.role_a.pk,
        }

    def persona(self, route: str) -> User | None:
        if route.startswith("a/"):
            return self.world.owner_a
        if route.startswith("partner/") or route.startswith("accounts/") or route == "":
            return self.world.partner_user
        if route.startswith("admin/") and not route.startswith("admin/login/"):
            return self.staff
        return None  # login pages, logout, health check

    def _admin_object(self, route: str) -> str:
        match = re.match(r"admin/(\w+)/(\w+)/", route)
        model = apps.get_model(match.group(1), match.group(2))
        first = model._default_manager.order_by("pk").first()
        return str(first.pk if first else 1)

    def fill(self, route: str) -> str:
        """The path of ``route`` with every argument set to an object of the world."""

        def value(match):
            name = match.group("name")
            if name == "account_id":
                return str(self.world.account_a.pk)
            if name == "number":
                return str(self.bug.number)
            if name == "pk":
                segment = route[: match.start()].rstrip("/").rsplit("/", 1)[-1]
                return str(self.by_segment[segment])
            if name == "object_id":
                if route.startswith("admin/r/"):
                    return str(self.world.account_a.pk)
                return self._admin_object(route)
            if name == "content_type_id":
                return str(ContentType.objects.get_for_model(self.world.account_a).pk)
            if name == "id":
                return str(self.world.iam_a.pk)
            if name == "app_label":
                return "iam"
            if name == "url":
                return "no-such-page/"
            raise AssertionError(f"no value for <{name}> in {route}")

        path = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", value, route)
        path = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", value, path)
        return "/" + path

    def routes(self) -> list[Route]:
        return [
            Route(route, name, self.fill(route))
            for route, name, _pattern in walk(get_resolver().url_patterns)
        ]


class Fuzzer:
    def __init__(self, fuzz_world):
        self.world = fuzz_world
        self.client = Client(enforce_csrf_checks=True, raise_request_exception=False)
        self.sessions = {}
        self.failures: list[str] = []
        self.sent = 0
        self.forms_by_action: dict[str, dict[str, list[str]]] = defaultdict(dict)
        self.names_by_path: dict[str, set[str]] = defaultdict(set)
        self.queries_by_path: dict[str, set[str]] = defaultdict(set)
        self.plain_status: dict[str, int] = {}

    def become(self, user):
        """Log ``user`` in once; later switches only swap the cookies."""
        key = user.pk if user else None
        if key not in self.sessions:
            self.client.cookies.clear()
            if user is not None:
                self.client.force_login(user)
            self.client.cookies.pop("csrftoken", None)
            csrf_token(self.client)
            self.sessions[key] = {k: v.value for k, v in self.client.cookies.items()}
        self.client.cookies.clear()
        for name, value in self.sessions[key].items():
            self.client.cookies[name] = value

    def send(self, method, url, data, *, user, label):
        """One request in a savepoint rolled back afterwards; a 5xx or a crash while streaming
        is recorded. The cookies go back too, so a logout or a login changes nothing."""
        self.become(user)
        self.sent += 1
        with transaction.atomic():
            if method == "post":
                data = {**data, "csrfmiddlewaretoken": self.client.cookies["csrftoken"].value}
                response = self.client.post(url, data)
            else:
                response = self.client.get(url, data)
            problem = None
            if response.status_code >= 500:
                error = response.exc_info[1] if response.exc_info else None
                problem = f"{response.status_code} {type(error).__name__}: {error}"[:200]
            elif response.streaming:
                try:
                    b"".join(response.streaming_content)
                except Exception as error:
                    problem = f"streaming {type(error).__name__}: {error}"[:200]
            transaction.set_rollback(True)
        if problem:
            shown = {k: (v[:20] + "…" if len(v) > 20 else v) for k, v in data.items()}
            shown.pop("csrfmiddlewaretoken", None)
            self.failures.append(f"{method.upper()} {url} [{label}] {shown!r} → {problem}")
        return response, problem

    def learn(self, path, response):
        """Remember the page's GET parameter names and its forms."""
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return
        parser = FormParser()
        parser.feed(response.content.decode())
        for link in parser.links:
            parts = urlsplit(link)
            if parts.path in ("", path):
                self.names_by_path[path].update(k for k, _ in parse_qsl(parts.query))
                if parts.query:
                    self.queries_by_path[path].add(parts.query)
        for form in parser.forms:
            action = urlsplit(form.action).path or path
            if form.method == "get":
                self.names_by_path[action].update(form.fields)
            elif form.method == "post":
                known = self.forms_by_action[action]
                for name, values in form.fields.items():
                    known.setdefault(name, values)

    def crawl(self, routes):
        """GET every route, then a few of the links each page has to itself (a folder of My
        Assets, a page of a list), learning their forms and parameters."""
        for route in routes:
            user = self.world.persona(route.route)
            response, _ = self.send("get", route.url, {}, user=user, label="plain GET")
            self.plain_status[route.url] = response.status_code
            self.learn(route.url, response)
        for route in routes:
            user = self.world.persona(route.route)
            for query in sorted(self.queries_by_path[route.url])[:3]:
                data = dict(parse_qsl(query))
                response, _ = self.send("get", route.url, data, user=user, label="link")
                self.learn(route.url, response)

    def fuzz(self, method, route, names, value, *, base=None, variant=None):
        """One request with every name set to ``value``; when it fails, one per name, so a
        bad name cannot hide another."""
        user = self.world.persona(route.route)
        base, variant = base or {}, variant or {}
        everything = base | dict.fromkeys(names, value) | variant
        before = len(self.failures)
        if not self.send(method, route.url, everything, user=user, label="all")[1]:
            return
        del self.failures[before:]
        found = False
        for name in names:
            alone = base | {name: value} | variant
            found |= bool(self.send(method, route.url, alone, user=user, label=name)[1])
        if not found:
            self.send(method, route.url, everything, user=user, label="all")

    def fuzz_get(self, route):
        if self.plain_status[route.url] == 405:
            # POST only: the method is refused before the view reads anything.
            names = sorted(KNOWN_PARAMETERS)
            self.fuzz("get", route, names, HOSTILE[0])
            return
        if route.route.startswith("admin/"):
            # Django admin redirects on a parameter it does not know, before reading the
            # others: its own names, and the search alone.
            names = sorted(set(ADMIN_PARAMETERS) | self.names_by_path[route.url])
            for value in ADMIN_VALUES:
                self.fuzz("get", route, names, value)
                if route.name.endswith("_changelist"):
                    self.fuzz("get", route, ["q"], value)
            return
        names = sorted(set(KNOWN_PARAMETERS) | self.names_by_path[route.url])
        # A list with an export filters the export the same way: once more with export=csv.
        exports = "export" in self.names_by_path[route.url]
        variants = [{}, {"export": "csv"}] if exports else [{}]
        for value in HOSTILE:
            for variant in variants:
                self.fuzz("get", route, names, value, variant=variant)

    def fuzz_path(self, route):
        """Ids in the path itself: the converter takes any ASCII digits."""
        user = self.world.persona(route.route)
        for number in ("0", "99999999999999999999999"):
            url = re.sub(r"<int:\w+>", number, route.route)
            if url != route.route:
                self.send("get", self.world.fill(url), {}, user=user, label="path")
                self.send("post", self.world.fill(url), {}, user=user, label="path")

    def fuzz_post(self, route):
        user = self.world.persona(route.route)
        base = {
            name: (values[0] if values else "")
            for name, values in self.forms_by_action.get(route.url, {}).items()
        }
        base |= EXTRA_POST_FIELDS.get(route.name, {})
        probe, _ = self.send("post", route.url, base, user=user, label="valid")
        if probe.status_code == 405:
            return
        if route.route.startswith("admin/"):
            # Django admin's forms are Django's: all fields at once, each one on a failure.
            for value in ADMIN_VALUES:
                self.fuzz("post", route, sorted(base), value, base=base)
            return
        for value in HOSTILE:
            self.send("post", route.url, dict.fromkeys(base, value), user=user, label="all")
        # Then each field alone, the others valid, so the view goes past the form.
        for value in EACH_KIND:
            for name in base:
                self.send("post", route.url, base | {name: value}, user=user, label=name)


@pytest.fixture
def fuzz_world(world):
    return FuzzWorld(world)


@pytest.fixture
def quiet_errors():
    """500s and admin's refusals would fill the output with tracebacks; the assertion lists
    what matters."""
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


def test_no_route_answers_500_to_hostile_parameters_or_fields(fuzz_world, quiet_errors):
    routes = fuzz_world.routes()
    assert len(routes) > 150  # the walk reached the account, partner and admin patterns
    fuzzer = Fuzzer(fuzz_world)
    fuzzer.crawl(routes)
    for route in routes:
        fuzzer.fuzz_get(route)
        fuzzer.fuzz_path(route)
    for route in routes:
        fuzzer.fuzz_post(route)
    print(f"{fuzzer.sent} requests, {len(fuzzer.failures)} answered 5xx")
    assert not fuzzer.failures, (
        f"{len(fuzzer.failures)} of {fuzzer.sent} requests failed:\n" + "\n".join(fuzzer.failures)
    )


# The named cases.


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 0),
        ("5000000", 5_000_000),
        ("9" * 18, int("9" * 18)),
        ("9" * 19, None),
        ("²", None),
        ("①", None),
        ("٣", None),  # int() reads it as 3
        ("12٣", None),
        (" 12", None),
        ("12\n", None),
        ("-1", None),
        ("+1", None),
        ("1_000", None),
        ("", None),
        (12, None),
        (None, None),
    ],
)
def test_parse_id_takes_ascii_digits_only(value, expected):
    assert parse_id(value) == expected


def arabic_indic(number: int) -> str:
    return "".join(chr(0x0660 + int(digit)) for digit in str(number))


@pytest.mark.parametrize("account", ["²", "①", "٣", "99999999999999999999999", "\x00"])
def test_iam_login_with_a_bad_account_id_is_a_refusal_not_a_500(world, client, post, account):
    data = {"account": account, "username": world.iam_a.username, "password": PASSWORD}
    response = post("/login/iam/", data)
    assert response.status_code == 200
    assert response.context["error"]
    assert "_auth_user_id" not in client.session


def test_an_account_id_in_other_digits_does_not_name_the_account(world, client, post):
    """int() reads Arabic-Indic digits as the number: the Account ID is ASCII digits only."""
    data = {
        "account": arabic_indic(world.account_a.pk),
        "username": world.iam_a.username,
        "password": PASSWORD,
    }
    assert post("/login/iam/", data).status_code == 200
    assert "_auth_user_id" not in client.session
    data["account"] = str(world.account_a.pk)
    assert post("/login/iam/", data).status_code == 303


def test_an_unknown_principal_type_lists_every_principal(world, client):
    client.force_login(world.owner_a)
    response = client.get(f"/a/{world.account_a.pk}/iam/users/?type=x")
    assert response.status_code == 200
    titles = {row["title"] for row in response.context["page"]}
    assert {world.iam_a.username, world.role_a.name} <= titles


@pytest.mark.parametrize("profile", ["abc", "²", "٣", "-1", "99999999999999999999999", "\x00"])
def test_a_bad_profile_id_previews_no_grants(world, client, profile):
    client.force_login(world.owner_a)
    url = f"/a/{world.account_a.pk}/iam/partner-roles/preview/"
    response = client.get(url, {"permission_profile": profile}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.context["grants"] == []


@pytest.fixture
def ticket(world):
    return Ticket.objects.create(
        account=world.account_a,
        subject="Port2 flaps",
        description="Since the upgrade.",
        request_type=Ticket.RequestType.TECHNICAL_SUPPORT,
        ticket_type=Ticket.TicketType.CUSTOMER,
        creator_label="owner",
    )


def test_a_comment_over_10000_characters_is_refused_and_not_stored(world, client, post, ticket):
    client.force_login(world.owner_a)
    url = f"/a/{world.account_a.pk}/forticare/tickets/{ticket.pk}/comment/"
    for body in ("x" * 10_001, "x" * 2_000_000):
        response = post(url, {"body": body})
        assert response.status_code == 400
        assert "at most 10000 characters" in response.content.decode()
    assert not ticket.comments.exists()
    assert post(url, {"body": "x" * 10_000}).status_code == 303
    assert ticket.comments.get().body == "x" * 10_000


@pytest.mark.parametrize("body", ["", "   ", "Hello\x00world"])
def test_an_empty_comment_or_one_with_a_nul_byte_is_refused(world, client, post, ticket, body):
    client.force_login(world.owner_a)
    url = f"/a/{world.account_a.pk}/forticare/tickets/{ticket.pk}/comment/"
    assert post(url, {"body": body}).status_code == 400
    assert not ticket.comments.exists()


NUL_SEARCHES = [
    ("owner", "/a/{a}/assets/", "q"),
    ("owner", "/a/{a}/assets/decommissioned/", "q"),
    ("owner", "/a/{a}/forticare/", "q"),
    ("owner", "/a/{a}/iam/users/", "q"),
    ("owner", "/a/{a}/iam/audit-log/", "actor"),
    ("owner", "/accounts/", "q"),
    ("partner", "/partner/assets/", "company"),
    ("partner", "/partner/forticare/", "q"),
    ("partner", "/partner/forticare/bug-tracker/", "q"),
    ("partner", "/partner/account/connected-accounts/", "q"),
]


@pytest.mark.parametrize(("persona", "path", "name"), NUL_SEARCHES)
def test_a_nul_byte_in_a_search_is_ignored(world, client, persona, path, name):
    """PostgreSQL refuses a NUL byte in a query: the search is dropped, the list shows."""
    client.force_login(world.owner_a if persona == "owner" else world.partner_user)
    url = path.format(a=world.account_a.pk)
    for value in ("\x00", "Alpha\x00", "%00"):
        response = client.get(url, {name: value})
        assert response.status_code == 200, (url, value)
        response = client.get(url, {name: value, "export": "csv"})
        assert response.status_code == 200, (url, value)
        if response.streaming:
            b"".join(response.streaming_content)


@pytest.mark.parametrize("value", ["²", "①", "٣", "abc", "99999999999999999999999"])
def test_bad_folder_and_company_filters_are_ignored(world, client, value):
    unit = make_asset(world.account_a)
    client.force_login(world.owner_a)
    response = client.get(f"/a/{world.account_a.pk}/assets/", {"folder": value})
    assert response.status_code == 200
    assert [a.pk for a in response.context["page"].rows] == [unit.pk]
    assert response.context["params"].folder == ""
    client.force_login(world.partner_user)
    assert client.get("/partner/assets/", {"company": value}).status_code == 200


@pytest.mark.parametrize("parent", ["abc", "²", "٣", "99999999999999999999999", "\x00"])
def test_a_folder_under_a_parent_that_is_not_an_id_is_a_404(world, client, post, parent):
    client.force_login(world.owner_a)
    url = f"/a/{world.account_a.pk}/assets/my-assets/folders/"
    response = post(url, {"name": "Paris", "parent": parent})
    assert response.status_code == 404
    assert not AssetFolder.objects.filter(name="Paris").exists()


@pytest.mark.parametrize("key", ["a-²", "a-٣", "a-①", "a-99999999999999999999999", "a-", "x"])
def test_switching_to_a_context_key_that_is_not_one_is_a_404(world, client, post, key):
    client.force_login(world.owner_a)
    assert client.get("/accounts/switch/confirm/", {"to": key}).status_code == 404
    assert post("/accounts/select/", {"to": key}).status_code == 404
    good = f"a-{world.account_a.pk}"
    assert client.get("/accounts/switch/confirm/", {"to": good}).status_code == 200


def test_the_column_picker_goes_back_to_the_list_query_only(world, client, post):
    client.force_login(world.partner_user)
    url = "/partner/forticare/bug-tracker/columns/"
    back = "q=FortiOS&sort=-status&page=2&evil=%0d%0aSet-Cookie:x&export=csv"
    response = post(url, {"columns": ["number", "status"], "back": back})
    assert response.status_code == 303
    assert response["Location"] == "/partner/forticare/bug-tracker/?q=FortiOS&sort=-status&page=2"
    response = post(url, {"columns": ["number", "not-a-column"], "back": "q=\r\nx"})
    assert response.status_code == 303
    assert response["Location"] == "/partner/forticare/bug-tracker/"


# While the database is down: 503, not 500.


@pytest.fixture
def database_down(transactional_db):
    """Point the connection at a database that cannot be reached, and back afterwards."""
    saved = dict(connection.settings_dict)

    def break_it():
        connection.close()
        if connection.vendor == "postgresql":
            with socket.socket() as probe:  # a port nobody listens on: bound, never listening
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
            connection.settings_dict.update(HOST="127.0.0.1", PORT=str(port))
        elif connection.vendor == "sqlite":
            connection.settings_dict["NAME"] = "/nonexistent-directory/forticloud.sqlite3"
        else:
            skip_or_fail(f"no way to take {connection.vendor} down in a test", "REQUIRE_503")

    yield break_it
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


def test_pages_answer_503_while_the_database_is_down(client, database_down):
    owner = OwnerFactory()
    client.force_login(owner)
    assert client.get(f"/a/{owner.account_id}/").status_code == 200
    client = Client(raise_request_exception=False)
    client.force_login(owner)
    database_down()
    for url in (f"/a/{owner.account_id}/", "/accounts/", "/healthz"):
        response = client.get(url)
        assert response.status_code == 503, url
    response = client.get(f"/a/{owner.account_id}/iam/users/")
    assert response["Retry-After"] == "30"
    assert "temporarily unavailable" in response.content.decode()
    assert isinstance(response.exc_info[1], OperationalError | InterfaceError)


def test_other_errors_keep_the_500_page(rf):
    request = rf.get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def forged_cursor(value, pk) -> str:
    return base64.urlsafe_b64encode(json.dumps([value, pk]).encode()).decode()


@pytest.mark.parametrize(
    "after",
    [
        forged_cursor("a", 10**23),
        forged_cursor(10**23, 1),
        forged_cursor("2024-01-3²", 1),
        forged_cursor("\x00", 1),
        forged_cursor(None, None),
        "not base64!",
    ],
)
@pytest.mark.parametrize(
    ("path", "sort"),
    [
        ("assets/", "description"),
        ("assets/", "-registered"),
        ("forticare/", "id"),
        ("forticare/", "-created"),
    ],
)
def test_a_forged_cursor_gives_a_page_not_a_500(world, client, path, sort, after):
    make_asset(world.account_a)
    client.force_login(world.owner_a)
    url = f"/a/{world.account_a.pk}/{path}"
    assert client.get(url, {"sort": sort, "after": after}).status_code == 200
