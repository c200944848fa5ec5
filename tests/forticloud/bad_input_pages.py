"""The pages the bad-input fuzz test visits: every URL pattern filled with an object of a small
world, the persona who may open it, and a parser for the forms and links a page renders."""

import datetime
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, get_resolver
from django.utils import timezone

from assets.models import RenewalRequest
from forticare.models import Bug, Ticket, TicketComment
from iam.models import ExportJob, ExternalIdpRole, User
from tests.assets.conftest import make_asset
from tests.factories import (
    AccountFactory,
    FolderFactory,
    GroupFactory,
    IamUserFactory,
    ProfileFactory,
    StaffFactory,
)

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
        renewal = RenewalRequest.objects.create(
            account=world.account_a, term_years=1, partner=world.partner, requested_by_label="o"
        )
        renewal.units.create(asset=self.asset, coverage_ended_on=self.asset.coverage_ends_on)
        self.by_segment = {
            "units": self.asset.pk,
            "requests": renewal.pk,  # the customer's renewal requests
            "renewal-requests": renewal.pk,  # the partner's
            "folders": self.folder.pk,
            "tickets": self.ticket.pk,
            "users": world.iam_a.pk,
            "partner-roles": world.role_a.pk,
            "api-users": IamUserFactory(
                account=world.account_a, kind=User.Kind.API, username="fuzz-api"
            ).pk,
            "profiles": self.profile.pk,
            "groups": self.group.pk,
            "connected-accounts": world.role_a.pk,
            "idp-roles": ExternalIdpRole.objects.create(
                account=world.account_a,
                name="Fuzz role",
                claim_value="fuzz",
                permission_profile=self.profile,
            ).pk,
            "sub-users": User.objects.create_user(
                kind=User.Kind.SUB,
                email="fuzz-sub@alpha.test",
                account=world.account_a,
                legacy_access="limited",
            ).pk,
            # Asset groups are a Partner account's: in account A, a 404 whatever the input.
            "user-groups": 1,
            "product-groups": 1,
            # Organization pages: account A is no root account, so these answer 404 here
            # (tests/iam/test_organizations.py and test_organization_members.py send bad
            # input to them in a root account).
            "members": 1,
            "invitations": 1,
            "exports": ExportJob.objects.create(
                user=world.owner_a,
                context=f"a-{world.account_a.pk}",
                list_name="iam:audit_log",
                kind="csv",
                download_name="audit-log.csv",
                expires_at=timezone.now() + datetime.timedelta(hours=1),
            ).pk,
        }

    def persona(self, route: str) -> User | None:
        if route.startswith("a/"):
            return self.world.owner_a
        if route.startswith(("partner/", "accounts/", "account/")) or route == "":
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
            if name in ("account_id", "account"):
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
            if name == "uidb64":
                return "MQ"
            if name == "token":
                return "not-a-token"
            raise AssertionError(f"no value for <{name}> in {route}")

        path = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", value, route)
        path = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", value, path)
        return "/" + path

    def routes(self) -> list[Route]:
        return [
            Route(route, name, self.fill(route))
            for route, name, _pattern in walk(get_resolver().url_patterns)
        ]
