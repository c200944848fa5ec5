"""Online renewal (seed 001: "View and renew eligible units for online renewals", Admin): a
customer asks for units to be renewed; the request goes to the account's connected Partner
(its role's Notification Email is told) or, with none, to Fortinet staff (admin); they quote
it and complete it by registering new contract codes to the units, which extends coverage.

Every write takes the acting access (or staff) and fetches the request through
``RenewalRequest.objects.visible_to`` inside its transaction, whatever the view checked."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from iam.access import Access
from iam.permissions import AssetAction, Level, Portal, Resource

from .coverage import coverage_recount_request
from .models import NO_COVERAGE, Asset, ContractCode, RenewalRequest, RenewalRequestUnit
from .renewal_events import addressee, renewal_audit, renewal_tell, requester_email
from .services import contract_code_clean, entitlement_from_contract

ELIGIBLE_DAYS = 90  # expired, or ending within this many days
MAX_UNITS = 500


def may_renew(access: Access) -> bool:
    """Admin on Asset Management with Read-Write on Renewal Notice, in an account."""
    return (
        not access.is_aggregated
        and access.may(AssetAction.RENEW)
        and access.can(Portal.ASSET_MANAGEMENT, Level.ADMIN, Resource.RENEWAL_NOTICE)
    )


def may_answer(access: Access) -> bool:
    """Visiting as Partner: quote and complete the requests addressed to the partner, of the
    customers whose role grants Read/Write on Asset Management and the Renewal Notice (the
    requests it sees at that level: RenewalRequest.visible_to)."""
    return access.is_partner_visit and access.partner is not None


def eligible_units(access: Access):
    """The in-service units ``access`` may renew: coverage ended, or ending within 90 days."""
    until = timezone.localdate() + datetime.timedelta(days=ELIGIBLE_DAYS)
    units = Asset.objects.visible_to(access).in_service()
    return units.filter(coverage_ends_on__lte=until).exclude(coverage_ends_on=NO_COVERAGE)


@transaction.atomic
def renewal_request(*, access: Access, unit_ids, term_years: int, note: str = ""):
    """Ask for ``unit_ids`` (eligible, in scope, in no open request) to be renewed."""
    if not may_renew(access):
        raise PermissionDenied("Your permissions do not allow you to renew units.")
    ids = sorted(set(unit_ids))
    if not ids:
        raise ValidationError("Select the units to renew.")
    if len(ids) > MAX_UNITS:
        raise ValidationError(f"A request holds at most {MAX_UNITS} units.")
    if term_years not in dict(RenewalRequest.TERMS):
        raise ValidationError("Choose a term of 1, 3 or 5 years.")
    units = eligible_units(access).select_for_update(of=("self",)).select_related("folder")
    units = list(units.filter(pk__in=ids))
    if len(units) != len(ids):
        raise ValidationError(
            "Some of these units cannot be renewed online: only units in your scope whose "
            f"coverage has ended or ends within {ELIGIBLE_DAYS} days."
        )
    pending = RenewalRequestUnit.objects.filter(
        asset__in=units, request__status__in=RenewalRequest.OPEN
    ).select_related("asset")
    if taken := sorted(f"{u.asset.serial_number} (request {u.request_id})" for u in pending):
        raise ValidationError(f"Already asked for: {', '.join(taken)}.")
    role = addressee(access.account, units)
    request = RenewalRequest.objects.create(
        account=access.account,
        term_years=term_years,
        note=note.strip(),
        partner=role.partner if role else None,
        requested_by=access.user,
        requested_by_label=str(access.user),
        updated_by_label=str(access.user),
    )
    RenewalRequestUnit.objects.bulk_create(
        RenewalRequestUnit(request=request, asset=unit, coverage_ended_on=unit.coverage_ends_on)
        for unit in units
    )
    after = {"units": str(len(units)), "term": request.get_term_years_display()}
    after["to"] = str(role.partner) if role else "Fortinet"
    renewal_audit(
        request,
        "renewal.request",
        actor=access.user,
        acting_as=access.acting_as,
        ip=access.ip,
        after=after,
    )
    renewal_tell(role.notification_email if role else "", request, "requested")
    return request


def _open_request(access: Access | None, pk: int, level=Level.READ_ONLY) -> RenewalRequest:
    """The open request ``pk`` as ``access`` sees it at ``level`` (None: staff), locked."""
    requests = RenewalRequest.objects.all()
    if access is not None:
        requests = RenewalRequest.objects.visible_to(access, level)
    request = (
        requests.select_for_update(of=("self",))
        .select_related("account", "partner", "requested_by")
        .filter(pk=pk)
        .first()
    )
    if request is None:
        raise PermissionDenied("No such renewal request.")
    if not request.is_open:
        raise ValidationError(f"This request is {request.get_status_display().lower()} already.")
    return request


def _updated(request: RenewalRequest, status: str, label: str, fields=()) -> None:
    request.status = status
    request.updated_at = timezone.now()
    request.updated_by_label = label
    request.save(update_fields=["status", "updated_at", "updated_by_label", *fields])


@transaction.atomic
def renewal_cancel(*, access: Access, pk: int) -> RenewalRequest:
    """The customer withdraws an open request."""
    if not may_renew(access):
        raise PermissionDenied("Your permissions do not allow you to renew units.")
    request = _open_request(access, pk)
    _updated(request, RenewalRequest.Status.CANCELLED, str(access.user))
    renewal_audit(
        request, "renewal.cancel", actor=access.user, acting_as=access.acting_as, ip=access.ip
    )
    role = addressee(request.account)
    if role is not None and role.partner_id == request.partner_id:
        renewal_tell(role.notification_email, request, "cancelled")
    return request


def _answerer(access: Access | None, staff) -> tuple[object, str, object]:
    """(actor, acting as, ip) of a partner visiting, or of a staff member (access None)."""
    if access is None:
        return staff, "Fortinet staff", None
    if not may_answer(access):
        raise PermissionDenied("Only the partner a request is addressed to answers it.")
    return access.user, access.acting_as, access.ip


@transaction.atomic
def renewal_quote(*, access: Access | None, pk: int, quote: str, staff=None) -> RenewalRequest:
    """The partner (or staff, ``access`` None) answers with a quote."""
    actor, acting_as, ip = _answerer(access, staff)
    quote = quote.strip()
    if not quote:
        raise ValidationError("Write the quote: price, term and how to accept it.")
    request = _open_request(access, pk, Level.READ_WRITE)
    request.quote = quote
    _updated(request, RenewalRequest.Status.QUOTED, str(actor), fields=["quote"])
    renewal_audit(request, "renewal.quote", actor=actor, acting_as=acting_as, ip=ip)
    renewal_tell(requester_email(request), request, "quoted")
    return request


def _contracts(request: RenewalRequest, units, codes: dict) -> list[tuple]:
    """(unit, contract) for every unit, each code valid, unused, once, of the right term."""
    pairs, errors, seen = [], [], set()
    for unit in units:
        code = (codes.get(unit.pk) or "").strip().upper()
        serial = unit.asset.serial_number
        if not code:
            errors.append(f"{serial}: enter its contract registration code.")
            continue
        if code in seen:
            errors.append(f"{serial}: the code {code} is given for another unit too.")
            continue
        seen.add(code)
        try:
            contract = contract_code_clean(code)
        except ValidationError as error:
            errors.append(f"{serial}: {' '.join(error.messages)}")
            continue
        if contract.months != request.months:
            errors.append(
                f"{serial}: the code {code} is for {contract.months} months; this request "
                f"asks for {request.get_term_years_display()}."
            )
            continue
        pairs.append((unit, contract))
    if errors:
        raise ValidationError(errors)
    return pairs


@transaction.atomic
def renewal_complete(*, access: Access | None, pk: int, codes: dict, staff=None):
    """Register a contract code to each unit of the request (``codes``: request unit id →
    code): their coverage is extended and the request completed. All or nothing."""
    actor, acting_as, ip = _answerer(access, staff)
    request = _open_request(access, pk, Level.READ_WRITE)
    units = list(request.units.select_related("asset").order_by("pk"))
    pairs = _contracts(request, units, codes)
    locked = ContractCode.objects.select_for_update().filter(pk__in=[c.pk for _, c in pairs])
    list(locked.order_by("pk"))
    for unit, contract in pairs:
        entitlement_from_contract(asset=unit.asset, contract=contract, recount=False)
        unit.contract_code = contract.code
    RenewalRequestUnit.objects.bulk_update([unit for unit, _ in pairs], ["contract_code"])
    coverage_recount_request([request.account_id])
    _updated(request, RenewalRequest.Status.COMPLETED, str(actor))
    codes_after = {"contract codes": ", ".join(sorted(u.contract_code for u, _ in pairs))}
    renewal_audit(
        request, "renewal.complete", actor=actor, acting_as=acting_as, ip=ip, after=codes_after
    )
    renewal_tell(requester_email(request), request, "completed")
    return request


def open_requests_of(access: Access, units) -> dict[int, int]:
    """Unit id → the open request it is in (of those ``access`` sees), for the Renewal
    Notice's rows."""
    rows = RenewalRequestUnit.objects.filter(
        asset__in=units,
        request__in=RenewalRequest.objects.visible_to(access),
        request__status__in=RenewalRequest.OPEN,
    ).values_list("asset_id", "request_id")
    return dict(rows)
