"""Member accounts of an organization (seed 002): invitations (a token the invited
account's owner accepts in their own portal), new member accounts, moving a member between
OUs, removing it. A membership change is audited in the root account and in the member
account."""

from dataclasses import replace
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..access import Access
from ..models import Account, MemberInvitation, OrganizationalUnit, OrganizationMember, User
from ..selectors.organizations import invitations_visible
from .audit import audit_event_write, audit_record
from .organizations import (
    may_create_organization,
    organization_to_manage,
    require_root_level,
    unit_locked,
)
from .tokens import token_hash, token_new

INVITATION_LIFETIME = timedelta(days=5)
INVITATION_PREFIX = "fcou_"
NOT_INVITABLE = (
    "This Account ID cannot be invited: no such account, or it is in an organization already."
)
NOT_ACCEPTABLE = "This invitation is not valid for this account: it may have expired or been used."


def _require_unit(access: Access, unit):
    """``unit`` within the actor's OUs; None (the root account itself) for the whole
    organization's principals only."""
    if unit is None:
        require_root_level(access)
        return None
    return unit_locked(access, unit)


@transaction.atomic
def member_invite(*, access: Access, account_id: int, unit=None) -> tuple[MemberInvitation, str]:
    """An invitation for account ``account_id`` to join, in ``unit``; returns it and its token
    (shown once). Only an active account outside any organization can be invited."""
    organization = organization_to_manage(access)
    unit = _require_unit(access, unit)
    account = Account.objects.filter(
        pk=account_id, status=Account.Status.ACTIVE, kind=Account.Kind.NON_OU
    ).first()
    if account is None:
        raise ValidationError(NOT_INVITABLE)
    token, hashed = token_new(INVITATION_PREFIX)
    invitation = MemberInvitation.objects.create(
        organization=organization,
        account=account,
        unit=unit,
        token_hash=hashed,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    audit_record(
        access=access,
        action="organization.member_invite",
        target=invitation,
        after={"account": str(account), "OU": unit.name if unit else "the root"},
    )
    return invitation, token


def may_join(access: Access) -> bool:
    """The owner of an account outside any organization accepts an invitation (seed 002)."""
    return may_create_organization(access)


def member_accept(*, access: Access, token: str) -> OrganizationMember:
    """The invited account's owner accepts: the account becomes a member account, in the
    invitation's OU. Single use, also when accepted twice at once."""
    invitations = MemberInvitation.objects.filter(
        token_hash=token_hash(token or ""), account_id=access.account.pk
    )
    with transaction.atomic():
        # Locks in ou_delete's order (its OU, then the invitations it cascades to).
        unit_id = invitations.values_list("unit_id", flat=True).first()
        if unit_id is not None:
            OrganizationalUnit.objects.select_for_update().filter(pk=unit_id).exists()
        invitation = (
            invitations.select_for_update(of=("self",))
            .select_related("organization__root", "unit")
            .first()
        )
        account = Account.objects.select_for_update().get(pk=access.account.pk)
        if invitation is None or not invitation.is_open:
            raise ValidationError(NOT_ACCEPTABLE)
        if not may_join(replace(access, account=account)):
            raise ValidationError("Only the owner of an account outside any organization can.")
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        try:
            with transaction.atomic():
                member = OrganizationMember.objects.create(
                    account=account, organization=invitation.organization, unit=invitation.unit
                )
        except IntegrityError:
            raise ValidationError("This account is in an organization already.") from None
        account.kind = Account.Kind.MEMBER
        account.save(update_fields=["kind"])
        _audit_both(access, "organization.member_join", member, after=_place(member))
    return member


def _place(member) -> dict:
    return {
        "organization": member.organization.name,
        "OU": member.unit.name if member.unit else "the root",
    }


def _audit_both(access, action, member, before=None, after=None):
    """A membership change, in the member account's log and in the root's."""
    for account in (member.account, member.organization.root):
        audit_event_write(
            account=account,
            actor=access.user,
            acting_as=access.acting_as,
            ip=access.ip,
            action=action,
            target=member,
            before=before,
            after=after,
        )


def _member(access: Access, member) -> OrganizationMember:
    fresh = (
        OrganizationMember.objects.visible_to(access)
        .select_for_update(of=("self",))
        .select_related("organization__root", "account", "unit")
        .filter(pk=member.pk)
        .first()
    )
    if fresh is None:
        raise PermissionDenied("No such member account.")
    return fresh


@transaction.atomic
def member_move(*, access: Access, member, unit) -> OrganizationMember:
    organization_to_manage(access)
    member = _member(access, member)
    unit = _require_unit(access, unit)
    before = _place(member)
    member.unit = unit
    member.save(update_fields=["unit"])
    _audit_both(access, "organization.member_move", member, before=before, after=_place(member))
    return member


@transaction.atomic
def member_remove(*, access: Access, member) -> None:
    """The member leaves the organization: a non-OU account again (basic mode)."""
    organization_to_manage(access)
    member = _member(access, member)
    _audit_both(access, "organization.member_remove", member, before=_place(member))
    member.delete()  # the account's kind follows (membership_ended)


@transaction.atomic
def invitation_cancel(*, access: Access, invitation) -> None:
    organization_to_manage(access)
    fresh = (
        invitations_visible(access)
        .select_for_update(of=("self",))
        .filter(pk=invitation.pk, accepted_at__isnull=True)
        .first()
    )
    if fresh is None:
        raise ValidationError("This invitation was used already.")
    audit_record(access=access, action="organization.invitation_cancel", target=fresh)
    fresh.delete()


def membership_ended(sender, instance, **kwargs):
    """However a membership ends (removed, or the whole organization deleted with its root
    account), the account is an account of no organization again."""
    Account.objects.filter(pk=instance.account_id, kind=Account.Kind.MEMBER).update(
        kind=Account.Kind.NON_OU
    )


def _login_email_taken(email: str) -> bool:
    login_kinds = [User.Kind.OWNER, User.Kind.SUB, User.Kind.PARTNER, User.Kind.STAFF]
    return User.objects.filter(kind__in=login_kinds, email__iexact=email).exists()


@transaction.atomic
def member_create(
    *, access: Access, company_name: str, owner_email: str, owner_name: str = "", unit=None
) -> OrganizationMember:
    """A new FortiCloud account, born a member account in ``unit``, with its owner (master
    user), who sets a password through a link the root hands over (no password exists)."""
    organization = organization_to_manage(access)
    unit = _require_unit(access, unit)
    company_name, owner_email = company_name.strip(), owner_email.strip().lower()
    if not company_name:
        raise ValidationError("Enter the company name of the new account.")
    if _login_email_taken(owner_email):
        raise ValidationError("A user with this email already exists.")
    account = Account.objects.create(company_name=company_name, kind=Account.Kind.MEMBER)
    member = OrganizationMember.objects.create(
        account=account, organization=organization, unit=unit
    )
    owner = User(kind=User.Kind.OWNER, email=owner_email, full_name=owner_name, account=account)
    owner.set_unusable_password()
    try:
        with transaction.atomic():
            owner.save()
    except IntegrityError:
        raise ValidationError("A user with this email already exists.") from None
    _audit_both(access, "organization.member_create", member, after=_place(member))
    return member
