"""My Account > Manage User (seed 001): the master user's Current Users, and its sub users
(add, edit, disable, enable, delete)."""

from functools import partial

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from forticloud.web.actions import act_then, confirm_then_act
from forticloud.web.lists import list_response

from ..decorators import master_user_only
from ..forms.sub_users import SubUserForm
from ..lists_sub_users import SUB_USERS
from ..selectors import sub_users as selectors
from ..selectors.asset_groups import may_use_asset_groups
from ..services import sub_users as services
from .common import list_url
from .unit_picker import unit_picker_form_page


def _sub_user(request, pk):
    return get_object_or_404(selectors.sub_users(request.access), pk=pk)


@master_user_only
@require_safe
def sub_users(request):
    context = {"asset_groups": may_use_asset_groups(request.access)}
    return list_response(request, SUB_USERS, context)


def _sub_user_page(request, form, save, verb, context):
    return unit_picker_form_page(
        request,
        form,
        "iam/sub_user_form.html",
        lambda: save(access=request.access, **form.service_fields()),
        done=lambda user: f"Sub user {user.email} was {verb}.",
        next_url=list_url(request, "sub_users"),
        context=context,
    )


@master_user_only
@require_http_methods(["GET", "POST"])
def sub_user_create(request):
    form = SubUserForm(request.POST or None, access=request.access)
    context = {"title": "Add Sub User"}
    return _sub_user_page(request, form, services.sub_user_create, "created", context)


@master_user_only
@require_http_methods(["GET", "POST"])
def sub_user_edit(request, pk):
    user = _sub_user(request, pk)
    form = SubUserForm(request.POST or None, instance=user, access=request.access)
    context = {"title": f"Edit Sub User {user.email}", "target": user}
    save = partial(services.sub_user_update, user=user)
    return _sub_user_page(request, form, save, "updated", context)


def _sub_user_action(request, pk, *, service, done, title, message, **kwargs):
    user = _sub_user(request, pk)
    return confirm_then_act(
        request,
        lambda: service(access=request.access, user=user, **kwargs),
        title=title,
        message=message.format(user=user.email),
        done=done.format(user=user.email),
        next_url=list_url(request, "sub_users"),
    )


@master_user_only
@require_http_methods(["GET", "POST"])
def sub_user_disable(request, pk):
    return _sub_user_action(
        request,
        pk,
        service=services.sub_user_set_active,
        active=False,
        done="Sub user {user} was disabled.",
        title="Confirm To Disable User",
        message="You are about to disable this user ({user}). This action will deny the user "
        "access to the system. Are you sure you want to continue?",
    )


@master_user_only
@require_POST
def sub_user_enable(request, pk):
    user = _sub_user(request, pk)
    return act_then(
        request,
        lambda: services.sub_user_set_active(access=request.access, user=user, active=True),
        done=f"Sub user {user.email} was enabled.",
        next_url=list_url(request, "sub_users"),
    )


@master_user_only
@require_http_methods(["GET", "POST"])
def sub_user_delete(request, pk):
    return _sub_user_action(
        request,
        pk,
        service=services.sub_user_delete,
        done="Sub user {user} was deleted.",
        title="Confirm to Delete User",
        message="You are about to delete this user ({user}). This action cannot be reverted. "
        "Are you sure you want to continue?",
    )
