"""Which accounts, each with which Local scope, an access reaches for one portal: the one
reach rule every scoped list and aggregated view filters by (``Access.reach``)."""

from dataclasses import dataclass

from django.db.models import Q

from forticloud.web.any_of import IdArray, any_of


@dataclass(frozen=True)
class Reach:
    """Which accounts, each with which Local scope, an access reaches for one portal.

    ``whole`` holds the ids of the accounts reached entirely (a list, an ``IdArray`` read
    first, or a subquery of ``account_id`` values, so a partner's thousand accounts stay one
    SQL subquery); ``scoped`` the (account id, folder path) pairs reached only within a folder
    subtree; ``units`` the (account id, unit id subqueries) pairs reached only for those units
    (a Limited Access sub user's, iam.sub_users)."""

    whole: object = ()
    scoped: tuple[tuple[int, str], ...] = ()
    units: tuple[tuple[int, tuple], ...] = ()

    def condition(
        self, account="account_id", folder_path="folder__path", unitless=None, unit=None
    ) -> Q:
        """Rows of the reached accounts within their scope. A row with no unit (``unitless``
        names the unit foreign key, e.g. "asset") follows its account, whatever the scope.
        ``unit`` names the row's unit id ("pk" for units); None (rows that are not units, e.g.
        folders) never matches a list of units: it fails closed."""
        condition = _among(account, self.whole)
        for account_id, path in self.scoped:
            inside = Q(**{f"{folder_path}__startswith": path})
            if unitless:
                inside |= Q(**{f"{unitless}__isnull": True})
            condition |= Q(**{account: account_id}) & inside
        for account_id, unit_ids in self.units if unit else ():
            inside = Q(pk__in=[])
            for ids in unit_ids:
                inside |= Q(**{f"{unit}__in": ids})
            if unitless:
                inside |= Q(**{f"{unitless}__isnull": True})
            condition |= Q(**{account: account_id}) & inside
        return condition

    def account_condition(self, field="pk") -> Q:
        """The reached accounts themselves, scoped or not."""
        condition = _among(field, self.whole)
        partly = [account_id for account_id, _ in (*self.scoped, *self.units)]
        if partly:
            condition |= Q(**{f"{field}__in": partly})
        return condition


NOWHERE = Reach()


def _among(field: str, ids) -> Q:
    # An empty list matches nothing; a subquery is left to the database (never evaluated here);
    # ids read first as one array (organization_reach) are one parameter.
    if isinstance(ids, IdArray):
        return Q(any_of(field, ids))
    if isinstance(ids, list | tuple) and not ids:
        return Q(pk__in=[])
    return Q(**{f"{field}__in": ids})
