"""IAM > Permission Profiles."""

from functools import partial

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_safe

from forticloud.web.actions import confirm_then_act, form_page

from .. import grants
from ..decorators import requires
from ..forms.profiles import ProfileForm
from ..models import PermissionProfile
from ..permissions import Level, Portal, ResourceLevel
from ..services import profiles as services
from .common import WRITE, back_to, changeable_ids, changeable_or_404, list_url


def _profile_page(request, form, save, verb, context):
    return form_page(
        request,
        "iam/profile_form.html",
        form,
        lambda: save(access=request.access, **form.cleaned_data),
        done=lambda saved: f"Permission profile {saved.name} was {verb}.",
        next_url=list_url(request, "profiles"),
        context=context | {"level_columns": Level.labels, "resource_columns": ResourceLevel.labels},
    )


def _profile(request, pk):
    return get_object_or_404(PermissionProfile.objects.visible_to(request.access), pk=pk)


@requires(Portal.IAM)
@require_safe
def profiles(request):
    rows = list(PermissionProfile.objects.visible_to(request.access).order_by("-builtin", "name"))
    context = {
        "profiles": rows,
        "portals": list(Portal),
        "can_write": request.access.can(Portal.IAM, WRITE),
        "changeable": changeable_ids(request, [p for p in rows if not p.is_builtin]),
    }
    return render(request, "iam/profiles.html", context)


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def profile_create(request):
    form = ProfileForm(request.POST or None, access=request.access)
    context = {"title": "New Permission Profile"}
    return _profile_page(request, form, services.profile_create, "created", context)


@requires(Portal.IAM)
@require_http_methods(["GET", "POST"])
def profile_edit(request, pk):
    """Edit an account's profile; built-ins and Read Only users see it without controls."""
    profile = _profile(request, pk)
    can_write = not profile.is_builtin and request.access.can(Portal.IAM, WRITE)
    editable = can_write and grants.may_change(request.access, profile)
    if request.method == "POST" and not editable:
        if not profile.is_builtin:
            # Read Only, beyond the actor's grants, or the grant it acts through: like any write.
            raise Http404("No such page.")
        messages.error(request, "This permission profile cannot be changed.")
        return back_to(request, "profiles")
    form = ProfileForm(request.POST or None, instance=profile, access=request.access)
    for field in form.fields.values() if not editable else ():
        field.disabled = True
    save = partial(services.profile_update, profile=profile)
    context = {"title": profile.name, "target": profile, "editable": editable}
    return _profile_page(request, form, save, "updated", context)


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def profile_delete(request, pk):
    profile = _profile(request, pk)
    if profile.is_builtin:
        messages.error(request, "Built-in permission profiles cannot be deleted.")
        return back_to(request, "profiles")
    changeable_or_404(request, profile)
    return confirm_then_act(
        request,
        lambda: services.profile_delete(access=request.access, profile=profile),
        title="Confirm to Delete Permission Profile",
        message=f"You are about to delete the permission profile {profile.name}. "
        "This action cannot be reverted. Are you sure you want to continue?",
        done=f"Permission profile {profile.name} was deleted.",
        next_url=list_url(request, "profiles"),
    )
