"""What the Organization page shows of a root account's organization."""

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils import timezone

from .. import grants
from ..models import MemberInvitation, OrganizationalUnit, OrganizationMember
from ..organization_access import access_for_organization_view, managed_ou_paths, within_paths


def invitations_visible(access):
    """The organization's invitations into the OUs ``access`` manages (all of them for the
    whole organization's principals; an OU admin's into its own subtrees)."""
    invitations = MemberInvitation.objects.filter(organization__root=access.account)
    paths = managed_ou_paths(access)
    return invitations if paths is None else invitations.filter(within_paths("unit__path", paths))


def members_within(access, units) -> int:
    """How many member accounts of the access's organization sit in the subtrees of ``units``
    (an Organization-type grant's OU Scope), counting only within the OUs the viewer holds."""
    members = OrganizationMember.objects.filter(organization__root=access.account)
    held = grants.held_ou_paths(access)
    if held is not None:
        members = members.filter(within_paths("unit__path", held))
    return members.filter(within_paths("unit__path", [unit.path for unit in units])).count()


MEMBERS_PER_PAGE = 50


def organization_overview(access, page: str | None = None) -> dict:
    """The OU tree (with member counts), one page of the member accounts and the open
    invitations of the organization whose root is the access's account, and the link to its
    organization view when the user may open it."""
    organization = access.account.organization
    units = OrganizationalUnit.objects.visible_to(access).annotate(member_count=Count("members"))
    members = OrganizationMember.objects.visible_to(access).select_related("account", "unit")
    invitations = (
        invitations_visible(access)
        .filter(accepted_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("account", "unit")
    )
    return {
        "organization": organization,
        "units": units,
        "members": Paginator(
            members.order_by("account__company_name", "account_id"), MEMBERS_PER_PAGE
        ).get_page(page),
        "invitations": invitations,
        "organization_view": _view_url(access),
    }


def _view_url(access) -> str:
    if access.organization is not None:  # a member account entered through its organization
        return ""
    view = access_for_organization_view(access.user, access.account.pk)
    return view.reverse("dashboard") if view else ""
