from django.db.models import Case, Count, OuterRef, Q, Subquery, Value, When

from iam.models import AuditEvent, PartnerRole, User


def _partner_roles(access):
    """The roles connected to the access's partner. Only "Visit as Partner" lists a partner's
    connections; any other access gets none (fails closed)."""
    if access is None or not access.is_partner_visit or access.partner is None:
        return PartnerRole.objects.none()
    return PartnerRole.objects.filter(partner_id=access.partner.pk)


def _while_active(value):
    """The customer's details show only while the role is active: a role the customer
    disabled shows that it is disabled, and nothing else."""
    return Case(When(status=PartnerRole.Status.ACTIVE, then=value), default=Value(""))


def connected_account_list(access):
    """The Partner roles connected to the access's partner: one row per customer account, with
    the customer's master user (User Name, Email) in the same query."""
    owners = User.objects.filter(account=OuterRef("account"), kind=User.Kind.OWNER)
    return _partner_roles(access).annotate(
        owner_name=_while_active(Subquery(owners.values("full_name")[:1])),
        owner_email=_while_active(Subquery(owners.values("email")[:1])),
    )


def connected_account_counts(access) -> dict:
    """How many accounts Connected Accounts lists ("total", as its pager counts them) and how
    many of their roles are active."""
    active = Q(status=PartnerRole.Status.ACTIVE)
    return _partner_roles(access).aggregate(total=Count("pk"), active=Count("pk", filter=active))


def connected_role(access, role_id: int, *, live: bool = False) -> PartnerRole | None:
    """One of the partner's own roles (``live``: only an active one), else None (a 404)."""
    roles = _partner_roles(access)
    if live:
        roles = roles.filter(status=PartnerRole.Status.ACTIVE)
    return (
        roles.select_related("account", "permission_profile", "scope_folder")
        .filter(pk=role_id)
        .first()
    )


def role_events(role: PartnerRole):
    """The role's history, while the role is active (a disabled role shows nothing else)."""
    if not role.is_active:
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(
        account_id=role.account_id, target_type="Partner Role", target_id=str(role.pk)
    )[:20]
