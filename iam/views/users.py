"""IAM > Users: the list of every principal, and IAM users (add, edit, disable, enable, delete)."""

from functools import partial

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from forticloud.web.actions import act_then, confirm_then_act, form_page
from forticloud.web.lists import list_response

from .. import grants
from ..decorators import requires
from ..forms.users import IamUserForm
from ..lists import USERS
from ..models import User
from ..permissions import Portal
from ..selectors import principals as selectors
from ..services import users as services
from .common import WRITE, changeable_or_404, list_url


def _iam_user(request, pk, kinds=(User.Kind.IAM,)):
    users = User.objects.visible_to(request.access).filter(kind__in=kinds)
    users = users.select_related(*grants.USER_GRANT_RELATIONS)
    return changeable_or_404(request, get_object_or_404(users, pk=pk))


@requires(Portal.IAM)
@require_safe
def iam_home(request):
    return HttpResponseRedirect(request.access.reverse("iam:users"))


@requires(Portal.IAM)
@require_safe
def users(request):
    access = request.access
    can_write = access.can(Portal.IAM, WRITE)
    context = {
        "types": selectors.PRINCIPAL_TYPES,
        "statuses": selectors.PRINCIPAL_STATUSES,
        "can_write": can_write,
    }

    def changeable(page):
        return {"changeable": selectors.changeable_principals(access, page if can_write else [])}

    return list_response(request, USERS, context, page_context=changeable)


def _user_page(request, form, save, verb, context):
    return form_page(
        request,
        "iam/user_form.html",
        form,
        lambda: save(
            access=request.access, password=form.cleaned_data["password"], **form.service_fields()
        ),
        done=lambda user: f"IAM user {user.username} was {verb}.",
        next_url=list_url(request, "users"),
        context=context,
    )


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def user_create(request):
    form = IamUserForm(request.POST or None, access=request.access)
    context = {"title": "New IAM User"}
    return _user_page(request, form, services.iam_user_create, "created", context)


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def user_edit(request, pk):
    user = _iam_user(request, pk)
    form = IamUserForm(request.POST or None, instance=user, access=request.access)
    save = partial(services.iam_user_update, user=user)
    context = {"title": f"Edit IAM User {user.username}", "target": user}
    return _user_page(request, form, save, "updated", context)


def _user_action(request, pk, *, service, done, title, message, **kwargs):
    user = _iam_user(request, pk, services.SIGNED_IN_KINDS)
    return confirm_then_act(
        request,
        lambda: service(access=request.access, user=user, **kwargs),
        title=title,
        message=message.format(user=user.username),
        done=done.format(user=user.username),
        next_url=list_url(request, "users"),
    )


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def user_disable(request, pk):
    return _user_action(
        request,
        pk,
        service=services.iam_user_set_active,
        active=False,
        done="User {user} was disabled.",
        title="Confirm To Disable User",
        message="You are about to disable this user ({user}). This action will deny the user "
        "access to the system. Are you sure you want to continue?",
    )


@requires(Portal.IAM, WRITE)
@require_POST
def user_enable(request, pk):
    user = _iam_user(request, pk, services.SIGNED_IN_KINDS)
    return act_then(
        request,
        lambda: services.iam_user_set_active(access=request.access, user=user, active=True),
        done="The user was enabled.",
        next_url=list_url(request, "users"),
    )


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def user_delete(request, pk):
    return _user_action(
        request,
        pk,
        service=services.iam_user_delete,
        done="User {user} was deleted.",
        title="Confirm to Delete User",
        message="You are about to delete this user ({user}). This action cannot be reverted. "
        "Are you sure you want to continue?",
    )
