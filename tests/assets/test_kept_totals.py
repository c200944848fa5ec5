"""Totals over whole customers kept between requests (assets.selectors.kept_sum): what one
request sums is exactly the accounts its key names, even when a role changes while it runs,
so no one is ever given totals of accounts they do not reach."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from assets.advisory_selectors import advisory_totals
from assets.coverage import coverage_recount
from assets.models import CoverageTally
from assets.selectors import coverage_state, coverage_totals, reached_tallies
from iam.access import access_for_context
from iam.models import PartnerRole
from iam.permissions import Portal, Resource
from tests.assets.advisories import make_advisory, make_unit
from tests.assets.conftest import make_asset
from tests.factories import AccountFactory, PartnerRoleFactory, PartnerUserFactory

pytestmark = pytest.mark.django_db


def _owner_a(world):
    return access_for_context(world.owner_a, f"a-{world.account_a.pk}")


def test_a_role_granted_during_a_request_never_reaches_another_viewer(world):
    make_asset(world.account_a, ends_in=20)
    for _ in range(5):
        make_asset(world.account_b, ends_in=20)
    coverage_recount([world.account_a.pk, world.account_b.pk])
    partner = access_for_context(world.partner_user, "partner")
    coverage_state(partner)  # the Dashboard has read whom it reaches: A
    role_b = PartnerRoleFactory(account=world.account_b, partner=world.partner)
    assert coverage_totals(partner)["within_30"] == 1  # what this request reached
    assert coverage_totals(_owner_a(world))["within_30"] == 1  # A's owner: A's units only
    again = access_for_context(world.partner_user, "partner")
    assert coverage_totals(again)["within_30"] == 6  # the next request: A and B

    cache.clear()
    third = access_for_context(world.partner_user, "partner")
    coverage_state(third)  # it reaches A and B
    PartnerRole.objects.filter(pk=role_b.pk).update(status=PartnerRole.Status.DISABLED)
    assert coverage_totals(third)["within_30"] == 6  # still the request's own reach
    PartnerRole.objects.filter(pk=role_b.pk).update(status=PartnerRole.Status.ACTIVE)
    later = access_for_context(world.partner_user, "partner")
    assert coverage_totals(later)["within_30"] == 6  # not a sum of A kept for A and B


def test_advisory_totals_of_a_new_role_stay_with_the_requests_that_reach_it(world):
    advisory = make_advisory("FG-IR-24-015")
    make_unit(world.account_a, "7.2.5")
    for _ in range(4):
        make_unit(world.account_b, "7.2.5")
    coverage_recount([world.account_a.pk, world.account_b.pk])
    partner = access_for_context(world.partner_user, "partner")
    reached_tallies(partner, Resource.VULNERABILITY_LIST)  # as the page's coverage_state
    PartnerRoleFactory(account=world.account_b, partner=world.partner)
    assert advisory_totals(partner)[advisory.pk] == (1, 1)
    assert advisory_totals(_owner_a(world))[advisory.pk] == (1, 1)
    again = access_for_context(world.partner_user, "partner")
    assert advisory_totals(again)[advisory.pk] == (5, 2)


def test_whom_a_partner_reaches_is_read_in_one_row_and_only_stale_counts_are_asked_for(
    world, django_assert_num_queries
):
    customers = [world.account_a]
    for _ in range(30):
        customer = AccountFactory()
        PartnerRoleFactory(account=customer, partner=world.partner)
        customers.append(customer)
    coverage_recount([customer.pk for customer in customers])
    partner = access_for_context(world.partner_user, "partner")
    partner.reach(Portal.ASSET_MANAGEMENT)  # the roles, read once per request
    with django_assert_num_queries(1):
        tallies = reached_tallies(partner)
    assert sorted(tallies.ids) == sorted(customer.pk for customer in customers)
    assert (tallies.accounts, tallies.stale) == (31, 0)
    CoverageTally.objects.filter(account=customers[3]).delete()  # never counted
    tallies = reached_tallies(access_for_context(world.partner_user, "partner"))
    assert sorted(tallies.ids) == sorted(customer.pk for customer in customers)
    assert (tallies.accounts, tallies.stale) == (31, 1)
    coverage_recount([customers[3].pk])

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    CoverageTally.objects.filter(account=customers[7]).update(counted_on=yesterday)
    CoverageTally.objects.filter(account=world.account_b).update(counted_on=yesterday)
    again = access_for_context(world.partner_user, "partner")
    assert coverage_state(again).updating
    asked = CoverageTally.objects.filter(requested_at__isnull=False)
    assert list(asked.values_list("account_id", flat=True)) == [customers[7].pk]


def test_each_partners_tallies_name_its_own_accounts_when_compiled_once(world):
    """The tallies query is compiled once around a partner's reach: another partner's
    request reads its own accounts, with when each was counted as a date and time."""
    other = PartnerUserFactory()
    theirs = [AccountFactory(), AccountFactory()]
    for customer in theirs:
        PartnerRoleFactory(account=customer, partner=other.partner)
    coverage_recount([world.account_a.pk, *(customer.pk for customer in theirs)])
    ours = reached_tallies(access_for_context(world.partner_user, "partner"))
    tallies = reached_tallies(access_for_context(other, "partner"))
    assert ours.ids == [world.account_a.pk]
    assert sorted(tallies.ids) == sorted(customer.pk for customer in theirs)
    counted = CoverageTally.objects.filter(account__in=theirs)
    assert tallies.counted_at == min(counted.values_list("counted_at", flat=True))
    assert (tallies.accounts, tallies.stale) == (2, 0)


def test_each_accounts_tallies_name_that_account_when_compiled_once(world):
    """An account's own pages read its tallies by a query compiled once: another account's
    request reads its own account, and a stale count there asks for a recount of it alone."""
    coverage_recount([world.account_a.pk, world.account_b.pk])
    CoverageTally.objects.filter(account=world.account_b).update(
        counted_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    ours = reached_tallies(_owner_a(world))
    theirs = reached_tallies(access_for_context(world.owner_b, f"a-{world.account_b.pk}"))
    assert (ours.ids, ours.accounts, ours.stale) == ([world.account_a.pk], 1, 0)
    assert (theirs.ids, theirs.accounts, theirs.stale) == ([world.account_b.pk], 1, 1)
    assert ours.digest != theirs.digest
