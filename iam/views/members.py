"""Services > Organization, member accounts: inviting an account (a token shown once, which
its owner accepts in their own portal), creating one (its owner's link shown once), moving a
member between OUs, removing it."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from forticloud.web.actions import confirm_then_act
from forticloud.web.shown_once import keep_once, take_once

from ..decorators import requires
from ..forms.organizations import InviteForm, JoinForm, MemberCreateForm, MemberMoveForm
from ..models import OrganizationMember
from ..permissions import Level, Portal
from ..selectors.organizations import invitations_visible
from ..services import members as services
from .organizations import NOT_OWNER_OUTSIDE, organization_form, refused_page, require_manage

WRITE = Level.READ_WRITE
INVITE_INTRO = (
    "The account must be outside any organization. You get a token to share with its owner, "
    "who accepts it in their own portal (Services > Organization > Join an Organization) "
    "within 5 days."
)
CREATE_INTRO = (
    "A new FortiCloud account, a member of this organization from the start. Its owner gets "
    "no password: you get a link to hand over, through which they set one."
)


def _home(request):
    return request.access.reverse("organization:home")


@requires(Portal.ORGANIZATION, WRITE)
@require_http_methods(["GET", "POST"])
def member_invite(request):
    require_manage(request)
    access = request.access
    form = InviteForm(request.POST or None, access=access)

    def invite():
        invitation, token = services.member_invite(access=access, **form.cleaned_data)
        keep_once(request, "invitation", invitation.pk, token=token)
        return invitation

    return organization_form(
        request,
        form,
        invite,
        title="Invite Account",
        submit="Invite",
        intro=INVITE_INTRO,
        done=lambda invitation: f"Account {invitation.account_id} was invited.",
        next_url=lambda invitation: access.reverse(
            "organization:invitation_token", pk=invitation.pk
        ),
    )


def _invitation(request, pk):
    invitations = invitations_visible(request.access)
    return get_object_or_404(invitations.select_related("account", "unit"), pk=pk)


@never_cache
@requires(Portal.ORGANIZATION, WRITE)
@require_safe
def invitation_token(request, pk):
    """The new invitation's token, shown this once (no-store: no copy stays in a cache)."""
    require_manage(request)
    invitation = _invitation(request, pk)
    kept = take_once(request, "invitation", invitation.pk)
    context = {"invitation": invitation, "token": kept["token"] if kept else ""}
    return render(request, "iam/invitation_token.html", context)


@requires(Portal.ORGANIZATION, WRITE)
@require_http_methods(["GET", "POST"])
def invitation_cancel(request, pk):
    require_manage(request)
    invitation = _invitation(request, pk)
    return confirm_then_act(
        request,
        lambda: services.invitation_cancel(access=request.access, invitation=invitation),
        title="Cancel Invitation",
        message=f"Cancel the invitation of account {invitation.account_id}? Its token stops "
        "working.",
        done=f"The invitation of account {invitation.account_id} was cancelled.",
        next_url=_home(request),
    )


def _member(request, pk):
    members = OrganizationMember.objects.visible_to(request.access).select_related("account")
    return get_object_or_404(members, pk=pk)


@requires(Portal.ORGANIZATION, WRITE)
@require_http_methods(["GET", "POST"])
def member_move(request, pk):
    require_manage(request)
    access, member = request.access, _member(request, pk)
    form = MemberMoveForm(request.POST or None, access=access, initial={"unit": member.unit})
    return organization_form(
        request,
        form,
        lambda: services.member_move(access=access, member=member, unit=form.cleaned_data["unit"]),
        title=f"Move {member.account.company_name}",
        submit="Move",
        done=f"{member.account.company_name} was moved.",
    )


@requires(Portal.ORGANIZATION, WRITE)
@require_http_methods(["GET", "POST"])
def member_remove(request, pk):
    require_manage(request)
    member = _member(request, pk)
    company = member.account.company_name
    return confirm_then_act(
        request,
        lambda: services.member_remove(access=request.access, member=member),
        title="Remove Member Account",
        message=f"Remove {company} ({member.account_id}) from the organization? It becomes "
        "an account of no organization, in basic mode.",
        done=f"{company} was removed from the organization.",
        next_url=_home(request),
    )


@requires(Portal.ORGANIZATION)
@require_http_methods(["GET", "POST"])
def organization_join(request):
    """The invited account's owner enters the token and joins (seed 002)."""
    access = request.access
    title = "Join an Organization"
    if not services.may_join(access):
        return refused_page(request, title, NOT_OWNER_OUTSIDE.format(what="join one"))
    form = JoinForm(request.POST or None)
    return organization_form(
        request,
        form,
        lambda: services.member_accept(access=access, token=form.cleaned_data["token"]),
        title=title,
        submit="Join",
        intro="Enter the invitation token the organization's root account gave you. This "
        "account becomes a member account.",
        done=lambda member: f"This account joined {member.organization.name}.",
    )


def activation_link(request, owner) -> str:
    """The one link through which a new account's owner sets a password (Django's password
    reset token: it stops working once used, and after PASSWORD_RESET_TIMEOUT)."""
    uid = urlsafe_base64_encode(force_bytes(owner.pk))
    token = default_token_generator.make_token(owner)
    path = reverse("activate", kwargs={"uidb64": uid, "token": token})
    return request.build_absolute_uri(path)


@requires(Portal.ORGANIZATION, WRITE)
@require_http_methods(["GET", "POST"])
def member_create(request):
    require_manage(request)
    access = request.access
    form = MemberCreateForm(request.POST or None, access=access)

    def create():
        member = services.member_create(access=access, **form.cleaned_data)
        owner = member.account.users.get(kind="owner")
        keep_once(request, "activation", member.pk, link=activation_link(request, owner))
        return member

    return organization_form(
        request,
        form,
        create,
        title="Create Member Account",
        submit="Create",
        intro=CREATE_INTRO,
        done=lambda member: f"Account {member.account_id} was created as a member account.",
        next_url=lambda member: access.reverse("organization:member_activation", pk=member.pk),
    )


@never_cache
@requires(Portal.ORGANIZATION, WRITE)
@require_safe
def member_activation(request, pk):
    """The new owner's link, shown this once (no-store)."""
    require_manage(request)
    member = _member(request, pk)
    kept = take_once(request, "activation", member.pk)
    days = settings.PASSWORD_RESET_TIMEOUT // 86400
    context = {"member": member, "link": kept["link"] if kept else "", "days": days}
    return render(request, "iam/member_activation.html", context)
