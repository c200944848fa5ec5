"""The accounts a partner's roles reach whole, kept by the database for the aggregated lists."""

from django.db import models

from ..permissions import Level, ResourceLevel
from .partner_role import PartnerRole


def _level(choices):
    return models.PositiveSmallIntegerField(choices=choices, editable=False)


class ReachedAccount(models.Model):
    """A live Partner role that reaches its whole account, with its profile's levels: active,
    on an active account, of an active partner, with a profile of its own account (or a
    built-in one) and no scope folder. The End Date is checked when the row is read.

    Database triggers (migration iam 0022) keep one row per such role, in the transaction that
    writes a role, a profile's levels or owner, or an account's or a partner's status, however
    it is written (a form, the admin, ``QuerySet.update``, raw SQL, a row deleted and inserted
    again, a TRUNCATE; not with triggers switched off). So the aggregated lists read their
    reach from one indexed table instead of joining four (tests/perf/HISTORY.md), and a
    revocation still shows on the next request. On PostgreSQL the writers of those columns
    take one lock and must run in READ COMMITTED (the triggers refuse the others).
    ``iam.partner_reach.reaching`` states the same rule for a role in hand;
    tests/iam/test_reached_accounts.py checks they agree after every kind of write, on both
    databases. Nothing else writes these rows.

    A migration that rebuilds one of those four tables on SQLite (most ``AlterField``: the
    other tables' triggers name it) or changes the type of a column the triggers read on
    PostgreSQL fails, loudly: it must drop the triggers first and create them again after,
    with 0022's ``drop_triggers`` and ``create_triggers``."""

    role = models.OneToOneField(
        PartnerRole,
        primary_key=True,
        on_delete=models.DO_NOTHING,  # the triggers delete the row with its role
        db_constraint=False,
        related_name="+",
        editable=False,
    )
    partner_id = models.BigIntegerField(editable=False)
    account_id = models.BigIntegerField(editable=False)
    ends_on = models.DateField(null=True, editable=False)
    # The profile's levels for the portals a Partner role may use, and its resources.
    asset_management = _level(Level)
    forticare = _level(Level)
    iam = _level(Level)
    entitlement_management = _level(ResourceLevel)
    asset_maintenance = _level(ResourceLevel)
    renewal_notice = _level(ResourceLevel)
    vulnerability_list = _level(ResourceLevel)
    account_services = _level(ResourceLevel)

    class Meta:
        indexes = [models.Index(fields=["partner_id", "account_id"])]

    def __str__(self):
        return f"role {self.role_id}: partner {self.partner_id} reaches {self.account_id}"
