"""Local scope on the pages themselves: what lies outside "Branch Offices" (the "Data Center"
folders, their units and the tickets of those units, the units at the top of My Assets) is
absent from every list, export, count and select a scoped persona gets; what lies inside, and
a ticket with no unit (it follows the account), is there.

Each page is also asked by an unscoped persona, the control: it must show what the scoped
one must not, so a page that shows nothing to anyone cannot pass.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import reverse

from iam.models import PartnerRole
from tests.exports import export_of

from . import personas as p
from .answers import OK, body
from .conftest import log_in
from .world import OUTSIDE_FOLDER, OUTSIDE_TICKET, World


def _serials(*names):
    return lambda w: [getattr(w, name).serial_number for name in names]


def _subjects(*names):
    return lambda w: [getattr(w, name).subject for name in names]


def _texts(*texts):
    return lambda w: list(texts)


OUTSIDE_UNITS = _serials("asset_out", "asset_root")
# What a page shows and hides (``ScopedPage`` fields), by what it lists.
UNITS = {"shows": _serials("asset_in"), "hides": OUTSIDE_UNITS}
DECOMMISSIONED = {"shows": _serials("gone_in"), "hides": _serials("gone_out")}
TICKETS = {"shows": _subjects("ticket_in", "ticket_no_unit"), "hides": _texts(OUTSIDE_TICKET)}
FOLDER_PICKER = {"shows": _texts("Branch Offices", "Branch East"), "hides": _texts(OUTSIDE_FOLDER)}


@dataclass(frozen=True)
class ScopedPage:
    name: str
    shows: Callable[[World], list[str]]
    hides: Callable[[World], list[str]]
    kwargs: Callable[[World], dict] = field(default=lambda w: {})
    query: str = ""
    control: bool = True  # the unscoped persona sees what ``hides`` names
    before: Callable[[World], None] | None = None  # a change to the world first
    only: tuple = ()  # only these personas (default: all of the area)

    def url(self, world) -> str:
        kwargs = self.kwargs(world)
        if self.name.startswith("account:"):
            kwargs = {"account_id": world.account_a.pk, **kwargs}
        url = reverse(self.name, kwargs=kwargs)
        return f"{url}?{self.query}" if self.query else url


def _list_and_exports(name, *formats, shows, hides, folders=False):
    """A list page and its exports (``export=<format>``), which hide the same rows. With
    ``folders``, the page (not its exports) names folders too, and never the outside one."""
    page_hides = (lambda w: [*hides(w), OUTSIDE_FOLDER]) if folders else hides
    exports = [
        ScopedPage(name, shows=shows, hides=hides, query=f"export={export}") for export in formats
    ]
    return [ScopedPage(name, shows=shows, hides=page_hides), *exports]


ACCOUNT_PAGES = [
    *_list_and_exports("account:assets:product_list", "csv", "xlsx", **UNITS, folders=True),
    *_list_and_exports("account:assets:decommissioned", "csv", **DECOMMISSIONED, folders=True),
    ScopedPage("account:assets:register", **FOLDER_PICKER),
    ScopedPage(
        "account:assets:my_assets",
        shows=_texts("Branch Offices", "Branch East"),
        hides=lambda w: [OUTSIDE_FOLDER, w.asset_out.serial_number],
        query="folder=",
        control=False,  # the unscoped persona starts at the top of My Assets
    ),
    ScopedPage("account:assets:renewal_notice", **UNITS),
    ScopedPage(
        "account:assets:asset",
        kwargs=lambda w: {"pk": w.asset_in.pk},
        shows=_subjects("ticket_in"),
        hides=_texts(OUTSIDE_TICKET, OUTSIDE_FOLDER),
        control=False,  # a unit's page lists that unit's tickets only
    ),
    *_list_and_exports("account:forticare:all_tickets", "csv", **TICKETS),
    ScopedPage(
        "account:forticare:all_tickets",
        shows=_texts(),
        hides=_texts(OUTSIDE_TICKET),
        query="q=beyond",
    ),
    ScopedPage("account:forticare:ticket_create", **UNITS),
    ScopedPage("account:iam:user_create", **FOLDER_PICKER),
    ScopedPage("account:iam:user_edit", kwargs=lambda w: {"pk": w.iam_target.pk}, **FOLDER_PICKER),
    ScopedPage("account:iam:group_create", **FOLDER_PICKER),
    ScopedPage(
        "account:iam:group_edit", kwargs=lambda w: {"pk": w.group_target.pk}, **FOLDER_PICKER
    ),
    ScopedPage(
        "account:iam:partner_role_create",
        before=lambda w: PartnerRole.objects.filter(pk=w.role_a.pk).delete(),
        only=(p.IAM_SCOPED, p.OWNER),  # the form shows once the account's role is gone
        **FOLDER_PICKER,
    ),
]

PARTNER_PAGES = [
    *_list_and_exports("partner:assets:product_list", "csv", **UNITS),
    *_list_and_exports("partner:assets:decommissioned", "csv", **DECOMMISSIONED),
    *_list_and_exports("partner:forticare:all_tickets", "csv", **TICKETS),
]


def _cases():
    for page in ACCOUNT_PAGES:
        for persona in page.only or (p.IAM_SCOPED, p.PARTNER_SCOPED, p.OWNER):
            yield page, persona
    for page in PARTNER_PAGES:
        for persona in (p.PARTNER_SCOPED, p.PARTNER):
            yield page, persona


def _id(page, persona):
    query = f"?{page.query}" if page.query else ""
    return f"{page.name}{query}-{persona.name}"


def get_as(world, persona, url):
    if persona.setup is not None:
        persona.setup(world)
    client = Client()
    log_in(client, world, persona.user_for(world, None))
    list_url, _, kind = url.partition("?export=")
    return export_of(client, list_url, kind) if kind else client.get(url)


@pytest.mark.parametrize(
    ("page", "persona"), [pytest.param(*case, id=_id(*case)) for case in _cases()]
)
def test_what_lies_outside_the_scope_is_absent(page, persona, world):
    url = page.url(world)
    if page.before is not None:
        page.before(world)
    response = get_as(world, persona, url)
    assert response.status_code == OK, f"GET {url}: {response.status_code}"
    text = body(response)
    missing = [shown for shown in page.shows(world) if shown not in text]
    assert not missing, f"{url} does not show {missing}"
    if persona.scoped:
        leaked = [hidden for hidden in page.hides(world) if hidden in text]
        assert not leaked, f"{url} shows, outside the scope: {leaked}"
    elif page.control:
        absent = [hidden for hidden in page.hides(world) if hidden not in text]
        assert not absent, f"control: {url} should show {absent} to {persona.name}"


@pytest.mark.parametrize(
    ("name", "persona"),
    [
        ("account:forticare:ticket", p.IAM_SCOPED),
        ("account:forticare:ticket", p.PARTNER_SCOPED),
        ("partner:forticare:ticket", p.PARTNER_SCOPED),
    ],
)
def test_a_ticket_without_a_unit_follows_the_account(name, persona, world):
    kwargs = {"pk": world.ticket_no_unit.pk}
    if name.startswith("account:"):
        kwargs["account_id"] = world.account_a.pk
    assert get_as(world, persona, reverse(name, kwargs=kwargs)).status_code == OK


@pytest.mark.parametrize(
    ("persona", "units"), [(p.IAM_SCOPED, 1), (p.PARTNER_SCOPED, 1), (p.OWNER, 3)]
)
def test_account_services_counts_the_units_in_scope(persona, units, world):
    """FortiCare Support: asset_in is inside; asset_out and asset_root are not."""
    url = reverse("account:assets:account_services", kwargs={"account_id": world.account_a.pk})
    response = get_as(world, persona, url)
    assert response.status_code == OK
    text = " ".join(body(response).split())
    assert f"<td>FortiCare Support</td><td>{units}</td>" in text
