"""IAM > User Groups."""

from functools import partial

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_safe

from forticloud.web.actions import confirm_then_act, form_page

from ..decorators import requires
from ..forms.groups import GroupForm
from ..models import UserGroup
from ..permissions import Portal
from ..services import groups as services
from .common import WRITE, changeable_ids, changeable_or_404, list_url


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


def _group_page(request, form, save, verb, group=None):
    return form_page(
        request,
        "iam/group_form.html",
        form,
        lambda: save(access=request.access, **form.service_fields()),
        done=lambda saved: f"User group {saved.name} was {verb}.",
        next_url=list_url(request, "groups"),
        context={
            "title": f"Edit User Group {group.name}" if group else "New User Group",
            "target": group,
        },
    )


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def group_create(request):
    form = GroupForm(request.POST or None, access=request.access)
    return _group_page(request, form, services.group_create, "created")


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def group_edit(request, pk):
    group = _group(request, pk)
    form = GroupForm(request.POST or None, instance=group, access=request.access)
    save = partial(services.group_update, group=group)
    return _group_page(request, form, save, "updated", group)


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def group_delete(request, pk):
    group = _group(request, pk)
    return confirm_then_act(
        request,
        lambda: services.group_delete(access=request.access, group=group),
        title="Confirm to Delete User Group",
        message=f"You are about to delete the user group {group.name}. Its members go back "
        "to their own permission profile and scope. This action cannot be reverted.",
        done=f"User group {group.name} was deleted.",
        next_url=list_url(request, "groups"),
    )
