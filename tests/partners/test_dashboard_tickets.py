"""The partner Dashboard's open tickets: counted within the page's own roles, they are for every
kind of role the tickets All Tickets shows of that customer."""

import pytest
from django.utils import timezone

from forticare import services
from forticare.models import Ticket
from iam.access import access_for_account
from iam.models import Account, PartnerRole
from iam.partner_access import access_for_partner_visit
from iam.permissions import Level, ScopeType
from tests.assets.conftest import make_asset
from tests.factories import (
    AccountFactory,
    FolderFactory,
    PartnerFactory,
    PartnerRoleFactory,
    ProfileFactory,
    StaffFactory,
    TicketFactory,
)
from tests.iam.organization_helpers import organization_build

from .test_dashboard import rows

pytestmark = pytest.mark.django_db


def _tickets(account, partner, other_partner, folder):
    """Open tickets of ``account``: shared about no unit, about a unit in ``folder`` and about
    one outside it; partner-only of the partner and of another partner."""
    TicketFactory(account=account)
    TicketFactory(account=account, asset=make_asset(account, folder=folder))
    TicketFactory(account=account, asset=make_asset(account))
    for kept_by in (partner, other_partner):
        TicketFactory(
            account=account,
            ticket_type=Ticket.TicketType.PARTNER,
            visibility=Ticket.Visibility.PARTNER_ONLY,
            partner=kept_by,
        )


def test_each_customers_open_tickets_are_those_all_tickets_shows_of_it(world, client):
    """The Dashboard counts a page's open tickets within the page's own roles (each read by the
    reach rule), not the partner's whole reach: for every kind of role, the same tickets as
    All Tickets' reach (iam.partner_reach), so the two cannot drift apart."""
    org = organization_build(world)
    other = PartnerFactory()
    today = timezone.localdate()
    kinds = {
        "whole": {},
        "folder": {"scope_folder": True},
        "disabled": {"status": PartnerRole.Status.DISABLED},
        "pending": {"status": PartnerRole.Status.PENDING},
        "expired": {"ends_on": today - timezone.timedelta(days=1)},
        "last day": {"ends_on": today},
        "no FortiCare": {"forticare": Level.NONE},
        "folder, no FortiCare": {"scope_folder": True, "forticare": Level.NONE},
        "no profile": {"permission_profile": None},
        "suspended": {"suspended": True},
        # Rows no service writes: entering the account honours neither (iam.access).
        "foreign profile": {
            "permission_profile": ProfileFactory(account=world.account_b, forticare=Level.READ_ONLY)
        },
        "foreign folder": {"scope_folder": FolderFactory(account=world.account_b)},
    }
    for name, kind in kinds.items():
        account = AccountFactory(company_name=name)
        folder = FolderFactory(account=account)
        profile = ProfileFactory(account=account, forticare=kind.pop("forticare", Level.READ_ONLY))
        scope_folder = kind.pop("scope_folder", None)
        PartnerRoleFactory(
            account=account,
            partner=world.partner,
            permission_profile=kind.pop("permission_profile", profile),
            scope_folder=folder if scope_folder is True else scope_folder,
            **{key: value for key, value in kind.items() if key != "suspended"},
        )
        if kind.get("suspended"):
            Account.objects.filter(pk=account.pk).update(status=Account.Status.SUSPENDED)
        _tickets(account, world.partner, other, folder)
    # Alpha, an organization's root, with an Organization-type role over EMEA; France Co, a
    # member there, with a role of its own limited to a folder.
    root_profile = ProfileFactory(
        account=world.account_a, type=ScopeType.ORGANIZATION, forticare=Level.READ_WRITE
    )
    PartnerRole.objects.filter(pk=world.role_a.pk).update(
        scope_type=ScopeType.ORGANIZATION, permission_profile=root_profile
    )
    world.role_a.scope_units.set([org["emea"]])
    france_folder = FolderFactory(account=org["france"])
    PartnerRoleFactory(account=org["france"], partner=world.partner, scope_folder=france_folder)
    for account in (world.account_a, org["france"], org["tokyo"]):
        _tickets(account, world.partner, other, france_folder if account == org["france"] else None)

    client.force_login(world.partner_user)
    shown = {row.split(" | ")[0]: row.split(" | ")[-1] for row in rows(client.get("/partner/"))}
    access = access_for_partner_visit(world.partner_user)
    seen = Ticket.objects.visible_to(access).filter(status=Ticket.Status.OPEN)
    counted = {"whole", "folder", "last day", "Alpha Corp", "France Co"}
    assert set(shown) == set(kinds) | {"Alpha Corp", "France Co"}
    for company, open_tickets in shown.items():
        reached = seen.filter(account__company_name=company).count()
        assert open_tickets == (str(reached) if company in counted else "\u2014"), company
    for company in ("foreign profile", "foreign folder"):
        assert not seen.filter(account__company_name=company).exists(), company
        account = Account.objects.get(company_name=company)
        assert not access_for_account(world.partner_user, account.pk).grants
    # A whole account: shared and the partner's own; in a folder: not the unit outside it.
    assert [shown[company] for company in ("whole", "folder", "Alpha Corp", "France Co")] == [
        "4",
        "3",
        "4",
        "3",
    ]


def _open_tickets(client, company) -> str:
    shown = {row.split(" | ")[0]: row.split(" | ")[-1] for row in rows(client.get("/partner/"))}
    return shown[company]


def test_open_tickets_kept_between_views_follow_every_change_at_once(world, client, post):
    """The page's counts are kept until a ticket changes: created, taken in progress by a
    comment, closed, reopened, or edited or deleted by staff in the admin."""
    TicketFactory(account=world.account_a)
    client.force_login(world.partner_user)
    company = world.account_a.company_name
    assert _open_tickets(client, company) == "1"
    owner = access_for_account(world.owner_a, world.account_a.pk)
    ticket = services.ticket_create(
        access=owner, subject="VPN down", description="Since 9:00", request_type="rma", priority=2
    )
    assert _open_tickets(client, company) == "2"
    services.comment_add(access=owner, ticket=ticket, body="Any news?")  # In Progress
    assert _open_tickets(client, company) == "1"
    services.ticket_close(access=owner, ticket=ticket)
    services.ticket_reopen(access=owner, ticket=ticket)
    assert _open_tickets(client, company) == "2"
    services.ticket_close(access=owner, ticket=ticket)
    assert _open_tickets(client, company) == "1"

    client.force_login(StaffFactory())
    first = Ticket.objects.get(account=world.account_a, status=Ticket.Status.OPEN)
    assert post(f"/admin/forticare/ticket/{first.pk}/delete/", {"post": "yes"}).status_code == 302
    client.force_login(world.partner_user)
    assert _open_tickets(client, company) == "0"
