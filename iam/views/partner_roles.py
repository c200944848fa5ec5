"""IAM > Users > Partner Role: the customer's side of the partner connection."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from forticloud.web.actions import act_then, confirm_then_act, form_page
from forticloud.web.listing import list_values, parse_id
from forticloud.web.responses import confirm_page, error_text, render_page, see_other
from forticloud.web.shown_once import keep_once, take_once

from .. import grants
from ..decorators import requires
from ..forms.params import ProfilePreviewForm
from ..forms.partner_roles import PartnerRoleForm
from ..models import AuditEvent, PartnerRole, PermissionProfile
from ..permissions import Level, Portal, ScopeType, partner_role_grants
from ..previews import partner_role_preview, preview_counts
from ..selectors.organizations import members_within
from ..services import partner_roles as roles
from ..services.revocation import created_principals
from .common import WRITE, changeable_or_404


def _role(request, pk, *, change=True):
    """The account's role; to change it, one whose grant the access holds and does not act
    through (a partner never touches the role it came in by): else 404."""
    rows = PartnerRole.objects.visible_to(request.access).select_related(
        "partner", "permission_profile", "scope_folder"
    )
    role = get_object_or_404(rows, pk=pk)
    return changeable_or_404(request, role) if change else role


def _role_url(request, role):
    return request.access.reverse("iam:partner_role", pk=role.pk)


def _show_token_once(request, role, token, *, offer=False):
    keep_once(request, "partner_role", role.pk, token=token, offer=offer)
    return see_other(request.access.reverse("iam:partner_role_token", pk=role.pk))


def _preview(access, profile, scope_folder) -> dict:
    """ "What this partner will see": the portals and levels of ``profile``, and how many
    units and tickets the partner would see through it within ``scope_folder``, computed by
    the access decision the partner's requests get (iam.previews.partner_role_preview)."""
    if profile is None:
        return {"grants": [], "manages_users": False, "counts": []}
    within_viewer = scope_folder is not None and (
        access.scope_folder is None or scope_folder.path.startswith(access.scope_folder.path)
    )
    if access.scope_folder is not None and not within_viewer:
        scope_folder = access.scope_folder  # never count beyond the viewer's own scope
    preview = partner_role_preview(access.account, profile, scope_folder)
    return {
        "grants": partner_role_grants(profile),
        "manages_users": profile.iam > Level.NONE,
        "counts": preview_counts(access, preview),
    }


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def partner_role_create(request):
    access = request.access
    existing = PartnerRole.objects.filter(account=access.account).first()
    form = PartnerRoleForm(request.POST or None, access=access)
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            role, token = roles.partner_role_create(access=access, **form.service_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Partner role {role.name} was created.")
            return _show_token_once(request, role, token, offer=True)
    context = {
        "form": form,
        "title": "New Partner Role",
        "blocked": roles.one_role_message(access.account) if existing else "",
        "existing": existing,
    }
    return render(request, "iam/partner_role_form.html", context)


@requires(Portal.IAM)
@require_safe
def partner_role_detail(request, pk):
    role = _role(request, pk, change=False)
    events = AuditEvent.objects.visible_to(request.access).filter(
        target_type="Partner Role", target_id=str(role.pk)
    )[:20]
    context = {
        "role": role,
        "events": events,
        "can_write": request.access.can(Portal.IAM, WRITE)
        and grants.may_change(request.access, role),
        "offer": roles.self_connect_partner(request.access, role),
        "created": created_principals(role).filter(account=role.account),
        **_preview(request.access, role.permission_profile, role.scope_folder),
    }
    if role.scope_type == ScopeType.ORGANIZATION:  # and the member accounts it reaches
        units = role.scope_units.all()
        context["counts"].append(("Member accounts", members_within(request.access, units)))
    return render(request, "iam/partner_role_detail.html", context)


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def partner_role_edit(request, pk):
    role = _role(request, pk)
    form = PartnerRoleForm(request.POST or None, instance=role, access=request.access)
    return form_page(
        request,
        "iam/partner_role_form.html",
        form,
        lambda: roles.partner_role_update(
            access=request.access, role=role, **form.service_fields()
        ),
        done=lambda updated: f"Partner role {updated.name} was updated.",
        next_url=_role_url(request, role),
        context={"title": f"Edit Partner Role {role.name}", "target": role},
    )


@requires(Portal.IAM)
@require_safe
def partner_role_profile_preview(request):
    """htmx: what the chosen profile and scope would give the partner."""
    access = request.access
    values = list_values(ProfilePreviewForm, request.GET)
    profile_id = parse_id(values["permission_profile"])
    profiles = PermissionProfile.objects.visible_to(access)
    profile = profiles.filter(pk=profile_id).first() if profile_id is not None else None
    # The scope as the form offers it: a folder within the viewer's own scope, else theirs.
    folders = access.account.asset_folders.all()
    if access.scope_folder is not None:
        folders = folders.filter(path__startswith=access.scope_folder.path)
    folder_id = parse_id(values["scope_folder"])
    folder = folders.filter(pk=folder_id).first() if folder_id is not None else None
    if folder is None:
        folder = access.scope_folder
    context = _preview(access, profile, folder) | {"preview": True}
    return render_page(request, "iam/partner_role_form.html", context, "grants")


@never_cache
@requires(Portal.IAM, WRITE)
@require_safe
def partner_role_token(request, pk):
    """The new token, shown this once (no-store: no copy stays in a cache)."""
    role = _role(request, pk)
    kept = take_once(request, "partner_role", role.pk)
    offer = roles.self_connect_partner(request.access, role) if kept and kept["offer"] else None
    context = {
        "role": role,
        "token": kept["token"] if kept else "",
        "offer": offer,
        "lifetime": roles.TOKEN_LIFETIME,
    }
    return render(request, "iam/partner_role_token.html", context)


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def partner_role_regenerate(request, pk):
    role = _role(request, pk)
    if request.method == "GET":
        return confirm_page(
            request,
            title="Regenerate Token",
            message=(
                "The current token stops working: a partner who has not connected with it "
                "yet will need the new one. Are you sure you want to continue?"
            ),
            action_url=request.path,
            cancel_url=_role_url(request, role),
        )
    try:
        token = roles.partner_role_regenerate_token(access=request.access, role=role)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return see_other(_role_url(request, role))
    return _show_token_once(request, role, token)


@requires(Portal.IAM, WRITE)
@require_POST
def partner_role_self_connect(request, pk):
    role = _role(request, pk)
    return act_then(
        request,
        lambda: roles.partner_role_self_connect(access=request.access, role=role),
        done=f"Partner role {role.name} is linked to your Partner account.",
        next_url=_role_url(request, role),
    )


def _revocation_note(role) -> str:
    """What the disable and delete dialogs add: the users the partner created go too."""
    names = [user.username for user in created_principals(role).filter(is_active=True)]
    if not names:
        return ""
    return (
        " The users the partner created through this role will be disabled too, and stay "
        "disabled if you enable the role again: " + ", ".join(names) + "."
    )


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def partner_role_disable(request, pk):
    role = _role(request, pk)
    return confirm_then_act(
        request,
        lambda: roles.partner_role_set_active(access=request.access, role=role, active=False),
        title="Confirm To Disable User",
        message=lambda: (
            "You are about to disable this user. This action will deny the user "
            "access to the system. Are you sure you want to continue?" + _revocation_note(role)
        ),
        done=f"Partner role {role.name} was disabled.",
        next_url=_role_url(request, role),
    )


@requires(Portal.IAM, WRITE)
@require_POST
def partner_role_enable(request, pk):
    role = _role(request, pk)
    return act_then(
        request,
        lambda: roles.partner_role_set_active(access=request.access, role=role, active=True),
        done=f"Partner role {role.name} was enabled.",
        next_url=_role_url(request, role),
    )


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def partner_role_delete(request, pk):
    role = _role(request, pk)
    return confirm_then_act(
        request,
        lambda: roles.partner_role_delete(access=request.access, role=role),
        title="Confirm to Delete User",
        message=lambda: (
            "You are about to delete this user. This action cannot be reverted. "
            "Are you sure you want to continue?" + _revocation_note(role)
        ),
        done=f"Partner role {role.name} was deleted.",
        next_url=request.access.reverse("iam:users"),
        cancel_url=_role_url(request, role),
    )


def pending_role_panel(request) -> str:
    """The Dashboard of a customer whose Partner role waits for a partner: the token's expiry
    (or that it expired unused), for those who see IAM."""
    access = request.access
    if access.is_aggregated or not access.can(Portal.IAM):
        return ""
    role = PartnerRole.objects.filter(
        account=access.account, partner__isnull=True, status=PartnerRole.Status.PENDING
    ).first()
    if role is None:
        return ""
    return render_to_string("iam/dashboard_partner_role.html", {"role": role}, request)
