"""IAM > User Groups."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_safe

from forticloud.web.responses import confirm_page, error_text

from ..decorators import requires
from ..forms.groups import GroupForm
from ..models import UserGroup
from ..permissions import Portal
from ..services import groups as services
from .common import WRITE, back_to, changeable_ids, changeable_or_404


def _group(request, pk):
    rows = UserGroup.objects.visible_to(request.access).select_related(
        "permission_profile", "scope_folder"
    )
    return changeable_or_404(request, get_object_or_404(rows, pk=pk))


@requires(Portal.IAM)
@require_safe
def groups(request):
    rows = list(
        UserGroup.objects.visible_to(request.access).select_related(
            "permission_profile", "scope_folder"
        )
    )
    context = {
        "groups": rows,
        "can_write": request.access.can(Portal.IAM, WRITE),
        "changeable": changeable_ids(request, rows),
    }
    return render(request, "iam/groups.html", context)


def _group_form(request, group=None):
    form = GroupForm(request.POST or None, instance=group, access=request.access)
    if request.method == "POST" and form.is_valid():
        try:
            if group is None:
                group = services.group_create(access=request.access, **form.service_fields())
                messages.success(request, f"User group {group.name} was created.")
            else:
                services.group_update(access=request.access, group=group, **form.service_fields())
                messages.success(request, f"User group {group.name} was updated.")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return back_to(request, "groups")
    title = f"Edit User Group {group.name}" if group else "New User Group"
    return render(request, "iam/group_form.html", {"form": form, "title": title, "target": group})


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def group_create(request):
    return _group_form(request)


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def group_edit(request, pk):
    return _group_form(request, _group(request, pk))


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def group_delete(request, pk):
    group = _group(request, pk)
    if request.method == "GET":
        return confirm_page(
            request,
            title="Confirm to Delete User Group",
            message=f"You are about to delete the user group {group.name}. Its members go back "
            "to their own permission profile and scope. This action cannot be reverted.",
            action_url=request.path,
            cancel_url=request.access.reverse("iam:groups"),
        )
    try:
        services.group_delete(access=request.access, group=group)
        messages.success(request, f"User group {group.name} was deleted.")
    except ValidationError as error:
        messages.error(request, error_text(error))
    return back_to(request, "groups")
