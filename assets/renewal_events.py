"""Who hears of a renewal request (assets.renewal_requests): the partner it goes to, the
requester, the audit logs of both sides."""

from django.conf import settings
from django.urls import reverse

from iam.access import access_for_account
from iam.models import PartnerRole
from iam.partner_reach import ACTIVE_PARTNER, honoured, within_end_date
from iam.permissions import Level, Portal, Resource
from iam.services.audit import audit_event_write
from iam.services.mail import mail_send

from .models import RenewalRequest


def addressee(account, units=()) -> PartnerRole | None:
    """The account's live Partner role that may answer renewals (Read/Write on Asset
    Management and on the Renewal Notice resource) and whose scope holds every one of
    ``units``: its partner receives the request. None: Fortinet staff."""
    role = (
        PartnerRole.objects.filter(
            within_end_date(),
            honoured(),
            account=account,
            status=PartnerRole.Status.ACTIVE,
            partner__status=ACTIVE_PARTNER,
            **{f"permission_profile__{Portal.ASSET_MANAGEMENT}__gte": Level.READ_WRITE},
            **{f"permission_profile__{Resource.RENEWAL_NOTICE}__gte": Level.READ_WRITE},
        )
        .select_related("partner__account", "scope_folder")
        .first()
    )
    if role is not None and role.scope_folder is not None:
        path = role.scope_folder.path
        if not all(unit.folder_id and unit.folder.path.startswith(path) for unit in units):
            return None
    return role


def renewal_audit(
    request: RenewalRequest, action: str, *, actor, acting_as: str, ip=None, after=None
):
    """The event in the customer's log and, while the request's partner is still the one it
    would go to, in the partner's own account's log: its own people's acts in full, the
    customer's as the company's (no person, no address of the customer's leaves it)."""
    event = {"action": action, "target": request, "after": after}
    audit_event_write(account=request.account, actor=actor, acting_as=acting_as, ip=ip, **event)
    partner = request.partner
    if partner is None or partner.account_id is None or partner.account_id == request.account_id:
        return
    role = addressee(request.account)
    if role is None or role.partner_id != partner.pk:
        return  # disconnected since: the partner hears no more of this account
    company = f"{request.account.company_name} ({request.account_id})"
    if getattr(actor, "partner_id", None) == partner.pk:
        audit_event_write(account=partner.account, actor=actor, acting_as=acting_as, ip=ip, **event)
    else:
        audit_event_write(
            account=partner.account, actor=None, acting_as=f"Customer {company}", ip=None, **event
        )


def renewal_tell(to: str, request: RenewalRequest, event: str) -> None:
    """Mail ``event`` to the partner (requested, cancelled) or the requester (the others)."""
    if not to:
        return
    to_partner = event in ("requested", "cancelled")
    kwargs = (
        {"pk": request.pk} if to_partner else {"account_id": request.account_id, "pk": request.pk}
    )
    path = reverse(
        f"{'partner' if to_partner else 'account'}:assets:renewal_request", kwargs=kwargs
    )
    context = {
        "request": request,
        "event": event,
        "units": request.units.count(),
        "company": " ".join(request.account.company_name.split()),  # the subject is one line
        "url": settings.PORTAL_URL.rstrip("/") + path,
    }
    mail_send(to=to, template="assets/mail/renewal_request.txt", context=context)


def requester_email(request: RenewalRequest) -> str:
    """The requester's address while it may still see the request (its access now)."""
    user = request.requested_by
    if user is None or not user.is_active:
        return ""
    access = access_for_account(user, request.account_id)
    visible = RenewalRequest.objects.visible_to(access).filter(pk=request.pk).exists()
    return user.email if visible else ""
