"""The Partner role's access preview, "What this partner will see": the portals and levels,
and the units and tickets in scope, as the partner's own requests will see them, and never
more than the person looking may see."""

import re

import pytest
from django.utils import timezone

from forticare.models import Ticket
from iam.permissions import Level
from tests.assets.conftest import make_asset
from tests.factories import FolderFactory, IamUserFactory, ProfileFactory, TicketFactory

pytestmark = pytest.mark.django_db


def in_scope(response) -> dict[str, str]:
    return dict(re.findall(r"<dt>(\w+) in scope</dt><dd>([^<]*)</dd>", response.text))


@pytest.fixture
def alpha(world):
    """Alpha: 3 units in service (1 in HQ) and a decommissioned one; 3 shared tickets (about
    the HQ unit, about another unit, about none) and a ticket the partner kept to itself."""
    hq = FolderFactory(account=world.account_a, name="HQ")
    in_hq = make_asset(world.account_a, folder=hq, ends_in=30)
    elsewhere = make_asset(world.account_a, ends_in=30)
    make_asset(world.account_a, ends_in=30)
    make_asset(world.account_a, decommissioned_at=timezone.now())
    TicketFactory(account=world.account_a, asset=in_hq)
    TicketFactory(account=world.account_a, asset=elsewhere)
    TicketFactory(account=world.account_a)
    TicketFactory(
        account=world.account_a,
        ticket_type=Ticket.TicketType.PARTNER,
        partner=world.partner,
        visibility=Ticket.Visibility.PARTNER_ONLY,
    )
    return hq


def preview(client, world, **query):
    url = f"/a/{world.account_a.pk}/iam/partner-roles/preview/"
    return client.get(url, query, HTTP_HX_REQUEST="true")


def test_the_role_page_counts_what_the_partner_sees_never_its_private_tickets(world, client, alpha):
    client.force_login(world.owner_a)
    page = client.get(f"/a/{world.account_a.pk}/iam/partner-roles/{world.role_a.pk}/")
    assert "What this partner will see" in page.text
    assert in_scope(page) == {"Units": "3", "Tickets": "3"}
    world.role_a.scope_folder = alpha
    world.role_a.save()
    page = client.get(f"/a/{world.account_a.pk}/iam/partner-roles/{world.role_a.pk}/")
    assert in_scope(page) == {"Units": "1", "Tickets": "2"}


def test_the_form_preview_follows_the_chosen_profile_and_scope(world, client, alpha):
    client.force_login(world.owner_a)
    tickets_only = ProfileFactory(account=world.account_a, forticare=Level.READ_ONLY)
    sysadmin = world.role_a.permission_profile
    assert in_scope(preview(client, world, permission_profile=sysadmin.pk)) == {
        "Units": "3",
        "Tickets": "3",
    }
    scoped = preview(client, world, permission_profile=sysadmin.pk, scope_folder=alpha.pk)
    assert in_scope(scoped) == {"Units": "1", "Tickets": "2"}
    assert in_scope(preview(client, world, permission_profile=tickets_only.pk)) == {
        "Units": "No access",
        "Tickets": "3",
    }
    other = FolderFactory(account=world.account_b)  # not this account's: ignored
    forged = preview(client, world, permission_profile=sysadmin.pk, scope_folder=other.pk)
    assert in_scope(forged) == {"Units": "3", "Tickets": "3"}
    assert preview(client, world, permission_profile="x", scope_folder="%00").status_code == 200


def test_a_scoped_viewer_sees_counts_within_their_own_scope_only(world, client, alpha):
    admin = IamUserFactory(
        account=world.account_a,
        permission_profile=ProfileFactory(
            account=world.account_a, asset_management=Level.ADMIN, iam=Level.READ_ONLY
        ),
        scope_folder=alpha,
    )
    client.force_login(admin)
    sysadmin = world.role_a.permission_profile
    # No FortiCare of their own: no ticket count; the whole account is wider than their scope.
    assert in_scope(preview(client, world, permission_profile=sysadmin.pk)) == {"Units": "1"}


def test_the_role_page_counts_within_a_scoped_viewers_own_scope(world, client, alpha):
    viewer = IamUserFactory(
        account=world.account_a,
        permission_profile=ProfileFactory(
            account=world.account_a, asset_management=Level.READ_ONLY, iam=Level.READ_ONLY
        ),
        scope_folder=alpha,
    )
    client.force_login(viewer)
    page = client.get(f"/a/{world.account_a.pk}/iam/partner-roles/{world.role_a.pk}/")
    assert in_scope(page) == {"Units": "1"}  # HQ's unit, not the account's three
