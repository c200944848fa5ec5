from django.db.models import OuterRef, Q, Subquery

from iam.models import AuditEvent, PartnerRole, User

CONNECTED_SORTS = {
    "account": "account_id",
    "role": "name",
    "company": "account__company_name",
    "status": "status",
}


def _partner_id(access) -> int | None:
    """Only "Visit as Partner" lists a partner's connections; anything else sees none."""
    return access.partner.pk if access is not None and access.is_partner_visit else None


def connected_account_list(access, *, q: str = "", sort: str = ""):
    """The Partner roles connected to the access's partner: one row per customer account, with
    the customer's master user (User Name, Email) in the same query."""
    owners = User.objects.filter(account=OuterRef("account"), kind=User.Kind.OWNER)
    roles = (
        PartnerRole.objects.filter(partner_id=_partner_id(access))
        .select_related("account")
        .annotate(
            owner_name=Subquery(owners.values("full_name")[:1]),
            owner_email=Subquery(owners.values("email")[:1]),
        )
    )
    if q:
        condition = Q(account__company_name__icontains=q) | Q(name__icontains=q)
        if q.isdigit() and len(q) <= 18:
            condition |= Q(account_id=int(q))
        roles = roles.filter(condition)
    key = CONNECTED_SORTS.get(sort.lstrip("-"), "account__company_name")
    direction = "-" if sort.startswith("-") else ""
    return roles.order_by(f"{direction}{key}", "pk")


def connected_role(access, role_id: int) -> PartnerRole | None:
    """One of the partner's own roles, else None (a 404 for the view)."""
    return (
        PartnerRole.objects.select_related("account", "permission_profile", "scope_folder")
        .filter(pk=role_id, partner_id=_partner_id(access))
        .first()
    )


def role_events(role: PartnerRole):
    return AuditEvent.objects.filter(
        account_id=role.account_id, target_type="Partner Role", target_id=str(role.pk)
    )[:20]
