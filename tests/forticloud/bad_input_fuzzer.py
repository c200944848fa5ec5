"""The bad-input fuzzer: the hostile values, and a client that learns each page's parameters and
forms, then sends them hostile values in savepoints rolled back, recording every 5xx."""

import base64
import json
import re
from collections import defaultdict
from urllib.parse import parse_qsl, urlsplit

from django.db import transaction
from django.test import Client

from iam.forms.partner_roles import PartnerRoleForm
from tests.conftest import csrf_token

from .bad_input_pages import FormParser

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
