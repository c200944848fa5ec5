"""The Audit Log of an account."""

from ..models import AuditEvent

AUDIT_ACTIONS = [
    "iam_user.create",
    "iam_user.update",
    "iam_user.disable",
    "iam_user.enable",
    "iam_user.delete",
    "profile.create",
    "profile.update",
    "profile.delete",
    "group.create",
    "group.update",
    "group.delete",
    "partner_role.create",
    "partner_role.token_issue",
    "partner_role.token_regenerate",
    "partner_role.update",
    "partner_role.connect",
    "partner_role.notification_email",
    "partner_role.disconnect",
    "partner_role.disable",
    "partner_role.enable",
    "partner_role.delete",
    "partner_role.partner_status",
    "partner_role.migrate",
    "legacy_connection.disconnect",
    "login.locked",
]


def audit_event_list(access, *, actor: str = "", action: str = "", since=None, until=None):
    events = AuditEvent.objects.visible_to(access)
    if actor:
        events = events.filter(actor_label__icontains=actor)
    if action:
        events = events.filter(action=action)
    if since:
        events = events.filter(created_at__date__gte=since)
    if until:
        events = events.filter(created_at__date__lte=until)
    return events
