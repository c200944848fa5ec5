"""Writes of FortiCare: tickets and their comments. Each re-checks request.access."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from assets.models import Asset
from forticloud.web.lists import list_changed
from iam.access import Access
from iam.permissions import Level, Portal

from .models import Ticket, TicketComment
from .selectors import tickets_version


def may_work(access: Access) -> bool:
    """Create, comment, close, reopen: FortiCare Read/Write (Read Only only views)."""
    return access.account is not None and access.can(Portal.FORTICARE, Level.READ_WRITE)


def _require_work(access: Access, ticket: Ticket | None = None) -> None:
    if not may_work(access):
        raise PermissionDenied("Your FortiCare permission is read-only.")
    if ticket is not None and not Ticket.objects.visible_to(access).filter(pk=ticket.pk).exists():
        raise PermissionDenied("No such ticket.")


def tickets_changed(account_id: int) -> None:
    """A ticket of the account was created, closed, reopened or taken in progress (last in
    the caller's transaction): its open tickets kept count again (selectors)."""
    list_changed(tickets_version(account_id))


def acting_as_partner(access: Access) -> bool:
    return access.role is not None


@transaction.atomic
def ticket_create(
    *,
    access: Access,
    subject: str,
    description: str,
    request_type: str,
    priority: int,
    asset=None,
    visibility: str = Ticket.Visibility.PARTNER_AND_CUSTOMER,
) -> Ticket:
    """A ticket in the account being accessed, for one of its units in service (or none)."""
    _require_work(access)
    if asset is not None:
        units = Asset.objects.visible_to(access).filter(pk=asset.pk)
        if not units.exists():
            raise ValidationError("Choose a unit of this account.")
        if asset.decommissioned_at is not None:
            raise ValidationError("Decommissioned units cannot get new tickets.")
    partner = access.partner if acting_as_partner(access) else None
    if partner is None:
        visibility = Ticket.Visibility.PARTNER_AND_CUSTOMER  # only partners choose visibility
    ticket = Ticket.objects.create(
        account=access.account,
        asset=asset,
        subject=subject.strip(),
        description=description.strip(),
        request_type=request_type,
        priority=priority,
        ticket_type=Ticket.TicketType.PARTNER if partner else Ticket.TicketType.CUSTOMER,
        visibility=visibility,
        partner=partner,
        creator=access.user,
        creator_label=access.user.display_name,
    )
    tickets_changed(ticket.account_id)
    return ticket


@transaction.atomic
def comment_add(*, access: Access, ticket: Ticket, body: str) -> TicketComment:
    _require_work(access, ticket)
    if ticket.status == Ticket.Status.CLOSED:
        raise ValidationError("The ticket is closed: reopen it to add a comment.")
    if not body.strip():
        raise ValidationError("Write a comment first.")
    comment = TicketComment.objects.create(
        ticket=ticket, author=access.user, author_label=access.user.display_name, body=body.strip()
    )
    opened = Ticket.objects.filter(pk=ticket.pk, status=Ticket.Status.OPEN)
    if opened.update(status=Ticket.Status.IN_PROGRESS):
        tickets_changed(ticket.account_id)
    return comment


@transaction.atomic
def ticket_close(*, access: Access, ticket: Ticket) -> None:
    _require_work(access, ticket)
    Ticket.objects.filter(pk=ticket.pk).exclude(status=Ticket.Status.CLOSED).update(
        status=Ticket.Status.CLOSED, closed_at=timezone.now()
    )
    TicketComment.objects.create(
        ticket=ticket, author=access.user, author_label=access.user.display_name, body="Closed."
    )
    tickets_changed(ticket.account_id)


@transaction.atomic
def ticket_reopen(*, access: Access, ticket: Ticket) -> None:
    _require_work(access, ticket)
    Ticket.objects.filter(pk=ticket.pk, status=Ticket.Status.CLOSED).update(
        status=Ticket.Status.OPEN, closed_at=None
    )
    TicketComment.objects.create(
        ticket=ticket, author=access.user, author_label=access.user.display_name, body="Reopened."
    )
    tickets_changed(ticket.account_id)
