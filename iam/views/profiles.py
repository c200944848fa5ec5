"""IAM > Permission Profiles."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_safe

from forticloud.web.actions import confirm_then_act, save_then

from .. import grants
from ..decorators import requires
from ..forms.profiles import ProfileForm
from ..models import PermissionProfile
from ..permissions import Level, Portal, ResourceLevel
from ..services import profiles as services
from .common import WRITE, back_to, changeable_ids, changeable_or_404, list_url


def _profile_page(request, context):
    context |= {"level_columns": Level.labels, "resource_columns": ResourceLevel.labels}
    return render(request, "iam/profile_form.html", context)


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

    def save():
        return services.profile_create(access=request.access, **form.cleaned_data)

    saved = save_then(
        request, form, save, done=_saved("created"), next_url=list_url(request, "profiles")
    )
    return saved or _profile_page(request, {"form": form, "title": "New Permission Profile"})


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

    def save():
        return services.profile_update(access=request.access, profile=profile, **form.cleaned_data)

    saved = save_then(
        request, form, save, done=_saved("updated"), next_url=list_url(request, "profiles")
    )
    if saved:
        return saved
    context = {"form": form, "title": profile.name, "target": profile, "editable": editable}
    return _profile_page(request, context)


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


def _saved(verb):
    return lambda profile: f"Permission profile {profile.name} was {verb}."
