"""The audit log: every change to who can see what writes one event, in the same transaction."""

from django.db import models

from ..access import Access
from ..models import AuditEvent


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, str]:
    """A readable before/after picture: display values, foreign keys by name, no secrets."""
    picture = {}
    for name in fields:
        field = obj._meta.get_field(name)
        value = getattr(obj, f"get_{name}_display")() if field.choices else getattr(obj, name)
        picture[name] = "" if value is None else str(value)
    return picture


def audit_record(
    *, access: Access, action: str, target: models.Model, before=None, after=None
) -> AuditEvent:
    return audit_event_write(
        account=access.account,
        actor=access.user,
        acting_as=access.acting_as,
        ip=access.ip,
        action=action,
        target=target,
        before=before,
        after=after,
    )


def audit_event_write(
    *,
    account,
    actor,
    acting_as: str,
    ip,
    action: str,
    target: models.Model,
    before=None,
    after=None,
) -> AuditEvent:
    """An event in ``account``'s log, for actors outside the account's context (a partner)."""
    changes = {}
    if before is not None:
        changes["before"] = before
    if after is not None:
        changes["after"] = after
    if before and after:
        changed = [key for key in {**before, **after} if before.get(key) != after.get(key)]
        changes = {
            "before": {key: before.get(key, "") for key in changed},
            "after": {key: after.get(key, "") for key in changed},
        }
    return AuditEvent.objects.create(
        account=account,
        actor=actor,
        actor_label=str(actor) if actor else acting_as,
        acting_as=acting_as,
        action=action,
        target_type=target._meta.verbose_name.title(),
        target_id=str(target.pk),
        target_label=str(target)[:255],
        changes=changes,
        ip_address=ip,
    )
