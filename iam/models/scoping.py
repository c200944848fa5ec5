"""The one scoping primitive of IAM rows, and the Local scope field every grant has."""

from django.db import models
from django.db.models import Q

from ..permissions import Level, Portal


def visible_account(access) -> int | None:
    """The id of the account whose IAM rows ``access`` may see: its account if it may see the
    IAM portal, else None."""
    if access is None or access.account is None or not access.can(Portal.IAM, Level.READ_ONLY):
        return None
    return access.account.pk


class AccountScopedQuerySet(models.QuerySet):
    """The one scoping primitive of the IAM portal's rows."""

    def visible_to(self, access):
        """Rows of ``access``'s account if it may see the IAM portal, else none (fails closed)."""
        account = visible_account(access)
        return self.none() if account is None else self.of_account(account)

    def of_account(self, account_id: int):
        """Rows of the account ``account_id``, which ``visible_account`` gave: a query compiled
        once with a stand-in id is built from it (iam.selectors.principals)."""
        return self.filter(self._account_condition(account_id))

    def _account_condition(self, account):
        return Q(account=account)


def scope_folder_field(related_name):
    """The Local permission scope: this asset folder and below. Empty means all of My Assets."""
    return models.ForeignKey(
        "assets.AssetFolder",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name=related_name,
        help_text="Local scope: this asset folder and everything below it. Empty: My Assets.",
    )
