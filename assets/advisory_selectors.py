"""Reads of the Vulnerability List: which advisories affect the units an access sees with the
Vulnerability List resource, and how many units of how many accounts.

The units an advisory affects are counted by the worker (AdvisoryCount, per account and per
folder, with the coverage counts). The list sums those counts over the reach first, grouped by
advisory only (one pass over the count rows, which a partial index of the accounts' whole rows
covers), and only then joins the few advisories that have a total; a thousand customers and a
million units cost one grouped query. A Limited Access sub user's assigned units are in no
count: they are matched as they are."""

import hashlib
from array import array
from collections import defaultdict

from django.db.models import Count, Expression, F, IntegerField, Q, Sum

from forticloud.web.any_of import any_of
from forticloud.web.filters import company_condition
from forticloud.web.listing import parse_id
from iam.models import Account
from iam.permissions import Level, Portal, Resource
from iam.reach import Reach

from .advisory_matching import NamedAdvisory, named_advisory, ranges_of_unit
from .advisory_models import Advisory, AdvisoryCount, AdvisoryRange
from .models import Asset
from .selectors import KEPT_ACCOUNTS_AT_MOST, kept_sum


def vulnerability_reach(access):
    """Whose units the Vulnerability List counts: the reach of its resource (an account's
    grant; in an aggregated view each customer's Partner role, or the organization user's
    profile)."""
    return access.reach(Portal.ASSET_MANAGEMENT, Level.READ_ONLY, Resource.VULNERABILITY_LIST)


def may_view_vulnerabilities(access) -> bool:
    """The page: the Vulnerability List resource (a partner person holds every resource, its
    API users their own profile's; each customer's role then decides whether its units
    count); in the organization view, Asset Management (the user's profile decides whose
    units count: organization_reach)."""
    if access.is_organization_view:
        return access.can(Portal.ASSET_MANAGEMENT)
    return access.can(Portal.ASSET_MANAGEMENT, Level.READ_ONLY, Resource.VULNERABILITY_LIST)


def units_in_scope(access):
    """The units in service ``access`` sees with the Vulnerability List resource."""
    return Asset.objects.in_service().filter(vulnerability_reach(access).condition(unit="pk"))


def _live_totals(units):
    """Per advisory, how many of ``units`` (a few: assigned units) it affects, matched now."""
    matches = AdvisoryRange.objects.filter(
        product_model__assets__in=units,
        product_model__assets__firmware_code__gte=F("first"),
        product_model__assets__firmware_code__lte=F("last"),
    )
    return (
        matches.values("advisory_id")
        .annotate(
            units=Count("product_model__assets", distinct=True),
            accounts=Count("product_model__assets__account_id", distinct=True),
        )
        .values_list("advisory_id", "units", "accounts")
    )


def _counted_totals(reach: Reach, company: Q):
    """Per advisory, the units and accounts of the count rows ``reach`` sees: whole accounts'
    rows (an account once per advisory) and, for Local scopes, the rows of the folders inside
    (an account in several folders counted once)."""
    counts = AdvisoryCount.objects.filter(company)
    parts = [(Reach(whole=reach.whole).condition() & Q(whole=True), False)]
    if reach.scoped:
        inside = Reach(scoped=reach.scoped).condition(folder_path="folder_path")
        parts.append((inside & Q(whole=False), True))
    for condition, distinct in parts:
        yield from (
            counts.filter(condition)
            .values_list("advisory_id")
            .annotate(Sum("units"), Count("account_id", distinct=distinct))
        )


def _company(access, company: str) -> Q:
    """Count rows of one company (a name or an Account ID), in an aggregated view."""
    if not (company and access.is_aggregated):
        return Q()
    return company_condition(company)


def advisory_totals(access, company: str = "") -> dict[int, tuple[int, int]]:
    """Advisory id → (units affected, accounts with affected units), of the units in scope
    (of one company, in an aggregated view). One query (two with Local scopes). The totals of
    whole accounts, and of one company, are kept (``kept_sum``): summing a thousand
    customers' counts took most of the partner's page
    (tests/perf/HISTORY.md, "The Vulnerability List at scale")."""
    reach = vulnerability_reach(access)
    if reach.units:
        return _summed(_live_totals(units_in_scope(access)))
    condition = _company(access, company)
    name = "advisory-totals"
    if condition and (account_id := parse_id(company)) is not None:
        name = f"advisory-totals:{account_id}"  # one Account ID: kept as the whole reach's
    elif condition:
        # A part of a name: the companies it finds now (a company renamed is found by its new
        # name), kept under their ids. Joining every count row to its account's name took
        # 87 ms when the words were in every name (their count misjudged).
        ids = _named_accounts(reach, company)
        if not ids:
            return {}
        if len(ids) > KEPT_ACCOUNTS_AT_MOST:  # their ids are parameters of the sum
            return _summed(_counted_totals(reach, condition))
        condition = any_of("account_id", ids)
        name = "advisory-totals:named:" + hashlib.sha256(array("q", ids).tobytes()).hexdigest()
    return kept_sum(
        access,
        Resource.VULNERABILITY_LIST,
        name,
        lambda reached: _summed(_counted_totals(reached, condition)),
    )


def _named_accounts(reach: Reach, company: str) -> list[int]:
    """The ids of the accounts of ``reach`` whose company name holds ``company``, in order."""
    accounts = Account.objects.filter(reach.account_condition(), company_name__icontains=company)
    return sorted(accounts.values_list("pk", flat=True))


def _summed(rows) -> dict[int, tuple[int, int]]:
    totals = defaultdict(lambda: (0, 0))
    for advisory_id, units, accounts in rows:
        before = totals[advisory_id]
        totals[advisory_id] = (before[0] + units, before[1] + accounts)
    return dict(totals)


class NumberOf(Expression):
    """``CASE <expression> WHEN key THEN number ... ELSE 0 END`` of a mapping known in Python
    (the totals of some hundred advisories): one expression, where a Case of When(pk=...) per
    key took milliseconds to compile."""

    output_field = IntegerField()

    def __init__(self, expression, numbers: dict[int, int]):
        super().__init__()
        self.expression, self.numbers = expression, numbers

    def get_source_expressions(self):
        return [self.expression]

    def set_source_expressions(self, expressions):
        (self.expression,) = expressions

    def as_sql(self, compiler, connection):
        if not self.numbers:
            return "0", []
        sql, params = compiler.compile(self.expression)
        # Integers of our own (int() of each): literals, so the result is an integer whatever
        # the driver's binding.
        whens = " ".join(f"WHEN {int(key)} THEN {int(n)}" for key, n in self.numbers.items())
        return f"CASE {sql} {whens} ELSE 0 END", params


def advisories_counted(totals: dict):
    """The advisories of ``totals``, each with ``affected`` and ``companies``."""
    units = {pk: numbers[0] for pk, numbers in totals.items()}
    accounts = {pk: numbers[1] for pk, numbers in totals.items()}
    return Advisory.objects.filter(pk__in=list(totals)).annotate(
        affected=NumberOf(F("pk"), units), companies=NumberOf(F("pk"), accounts)
    )


def advisory_rows(access, company: str = ""):
    """The Vulnerability List's rows for ``access``: the advisories affecting its units in
    scope, with ``affected`` (units) and ``companies`` (accounts), unsorted."""
    return advisories_counted(advisory_totals(access, company))


def advisory_named(access, value) -> NamedAdvisory | None:
    """The advisory a Product List's ``?advisory=`` names, with the units it affects, read
    once per request (the page's note and the list's filter). Advisories are public, their
    units are not: the filter applies it to the Vulnerability List's reach."""
    pk = parse_id(value)
    return access.once(("advisory", pk), lambda: named_advisory(pk)) if pk is not None else None


def advisory_filtered(access, value) -> tuple[NamedAdvisory | None, bool]:
    """``advisory_named``, and whether the access may see which units it affects (in an
    aggregated view, each customer's role decides)."""
    return advisory_named(access, value), may_view_vulnerabilities(access)


def unit_advisories(access, asset) -> list | None:
    """The ranges (with their advisory) that affect ``asset``, one per advisory, most severe
    first; None when ``access`` has no Vulnerability List (the unit's page then says nothing
    of advisories)."""
    if not may_view_vulnerabilities(access):
        return None
    ranges = {}
    for advisory_range in ranges_of_unit(asset):
        ranges.setdefault(advisory_range.advisory_id, advisory_range)
    return list(ranges.values())


def unversioned_count(access) -> int | None:
    """How many units in scope have no firmware version (they match no advisory); None in an
    aggregated view, where counting a million units per view costs too much."""
    if access.is_aggregated:
        return None
    return units_in_scope(access).filter(firmware_code__isnull=True).count()
