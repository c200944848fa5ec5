"""The IAM portal of an account: Users, User Groups, Permission Profiles, Audit Log."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import selectors, services
from .decorators import requires
from .exports import stream_csv
from .forms import GroupForm, IamUserForm, ProfileForm
from .models import PermissionProfile, User, UserGroup
from .permissions import Level, Portal, ResourceLevel
from .rendering import render_page

PAGE_SIZE = 25
WRITE = Level.READ_WRITE


def _back_to(request, name):
    return HttpResponseRedirect(request.access.reverse(f"iam:{name}"), status=303)


def _iam_user(request, pk):
    users = User.objects.visible_to(request.access).filter(kind=User.Kind.IAM)
    return get_object_or_404(users, pk=pk)


def confirm_page(request, *, title, message, action_url, cancel_url, danger=True):
    context = {
        "title": title,
        "message": message,
        "action_url": action_url,
        "cancel_url": cancel_url,
        "danger": danger,
    }
    return render_page(request, "iam/confirm.html", context, "dialog")


def _profile_page(request, context):
    context |= {"level_columns": Level.labels, "resource_columns": ResourceLevel.labels}
    return render(request, "iam/profile_form.html", context)


def _list_params(request, allowed):
    return {key: request.GET.get(key, "").strip()[:100] for key in allowed}


# Users


@requires(Portal.IAM)
@require_safe
def iam_home(request):
    return HttpResponseRedirect(request.access.reverse("iam:users"))


@requires(Portal.IAM)
@require_safe
def users(request):
    params = _list_params(request, ["q", "type", "status", "sort"])
    rows = selectors.principal_list(request.access, **params)
    context = {
        "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "params": params,
        "types": selectors.PRINCIPAL_TYPES,
        "statuses": selectors.PRINCIPAL_STATUSES,
        "can_write": request.access.can(Portal.IAM, WRITE),
    }
    partial = "table" if request.htmx.target == "user-table" else None
    return render_page(request, "iam/users.html", context, partial)


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def user_create(request):
    form = IamUserForm(request.POST or None, access=request.access)
    if request.method == "POST" and form.is_valid():
        user = services.iam_user_create(
            access=request.access, password=form.cleaned_data["password"], **form.service_fields()
        )
        messages.success(request, f"IAM user {user.username} was created.")
        return _back_to(request, "users")
    return render(request, "iam/user_form.html", {"form": form, "title": "New IAM User"})


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def user_edit(request, pk):
    user = _iam_user(request, pk)
    form = IamUserForm(request.POST or None, instance=user, access=request.access)
    if request.method == "POST" and form.is_valid():
        services.iam_user_update(
            access=request.access,
            user=user,
            password=form.cleaned_data["password"],
            **form.service_fields(),
        )
        messages.success(request, f"IAM user {user.username} was updated.")
        return _back_to(request, "users")
    context = {"form": form, "title": f"Edit IAM User {user.username}", "target": user}
    return render(request, "iam/user_form.html", context)


def _user_action(request, pk, *, service, done, title, message, **kwargs):
    user = _iam_user(request, pk)
    if request.method == "GET":
        return confirm_page(
            request,
            title=title,
            message=message.format(user=user.username),
            action_url=request.path,
            cancel_url=request.access.reverse("iam:users"),
        )
    try:
        service(access=request.access, user=user, **kwargs)
        messages.success(request, done.format(user=user.username))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back_to(request, "users")


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def user_disable(request, pk):
    return _user_action(
        request,
        pk,
        service=services.iam_user_set_active,
        active=False,
        done="IAM user {user} was disabled.",
        title="Confirm To Disable User",
        message="You are about to disable this user ({user}). This action will deny the user "
        "access to the system. Are you sure you want to continue?",
    )


@requires(Portal.IAM, WRITE)
@require_POST
def user_enable(request, pk):
    services.iam_user_set_active(access=request.access, user=_iam_user(request, pk), active=True)
    messages.success(request, "The user was enabled.")
    return _back_to(request, "users")


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def user_delete(request, pk):
    return _user_action(
        request,
        pk,
        service=services.iam_user_delete,
        done="IAM user {user} was deleted.",
        title="Confirm to Delete User",
        message="You are about to delete this user ({user}). This action cannot be reverted. "
        "Are you sure you want to continue?",
    )


# Permission Profiles


def _profile(request, pk):
    return get_object_or_404(PermissionProfile.objects.visible_to(request.access), pk=pk)


@requires(Portal.IAM)
@require_safe
def profiles(request):
    context = {
        "profiles": PermissionProfile.objects.visible_to(request.access).order_by(
            "-builtin", "name"
        ),
        "portals": list(Portal),
        "can_write": request.access.can(Portal.IAM, WRITE),
    }
    return render(request, "iam/profiles.html", context)


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def profile_create(request):
    form = ProfileForm(request.POST or None, access=request.access)
    if request.method == "POST" and form.is_valid():
        profile = services.profile_create(access=request.access, **form.cleaned_data)
        messages.success(request, f"Permission profile {profile.name} was created.")
        return _back_to(request, "profiles")
    return _profile_page(request, {"form": form, "title": "New Permission Profile"})


@requires(Portal.IAM)
@require_http_methods(["GET", "POST"])
def profile_edit(request, pk):
    """Edit an account's profile; built-ins and Read Only users see it without controls."""
    profile = _profile(request, pk)
    editable = not profile.is_builtin and request.access.can(Portal.IAM, WRITE)
    form = ProfileForm(request.POST or None, instance=profile, access=request.access)
    if not editable:
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST":
        if not editable:
            messages.error(request, "This permission profile cannot be changed.")
            return _back_to(request, "profiles")
        if form.is_valid():
            services.profile_update(access=request.access, profile=profile, **form.cleaned_data)
            messages.success(request, f"Permission profile {profile.name} was updated.")
            return _back_to(request, "profiles")
    context = {"form": form, "title": profile.name, "target": profile, "editable": editable}
    return _profile_page(request, context)


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def profile_delete(request, pk):
    profile = _profile(request, pk)
    if profile.is_builtin:
        messages.error(request, "Built-in permission profiles cannot be deleted.")
        return _back_to(request, "profiles")
    if request.method == "GET":
        return confirm_page(
            request,
            title="Confirm to Delete Permission Profile",
            message=f"You are about to delete the permission profile {profile.name}. "
            "This action cannot be reverted. Are you sure you want to continue?",
            action_url=request.path,
            cancel_url=request.access.reverse("iam:profiles"),
        )
    try:
        services.profile_delete(access=request.access, profile=profile)
        messages.success(request, f"Permission profile {profile.name} was deleted.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back_to(request, "profiles")


# User Groups


def _group(request, pk):
    return get_object_or_404(UserGroup.objects.visible_to(request.access), pk=pk)


@requires(Portal.IAM)
@require_safe
def groups(request):
    context = {
        "groups": UserGroup.objects.visible_to(request.access).select_related(
            "permission_profile", "scope_folder"
        ),
        "can_write": request.access.can(Portal.IAM, WRITE),
    }
    return render(request, "iam/groups.html", context)


def _group_form(request, group=None):
    form = GroupForm(request.POST or None, instance=group, access=request.access)
    if request.method == "POST" and form.is_valid():
        if group is None:
            group = services.group_create(access=request.access, **form.service_fields())
            messages.success(request, f"User group {group.name} was created.")
        else:
            services.group_update(access=request.access, group=group, **form.service_fields())
            messages.success(request, f"User group {group.name} was updated.")
        return _back_to(request, "groups")
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
    services.group_delete(access=request.access, group=group)
    messages.success(request, f"User group {group.name} was deleted.")
    return _back_to(request, "groups")


# Audit Log


def _date(value):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@requires(Portal.IAM)
@require_safe
def audit_log(request):
    params = _list_params(request, ["actor", "action", "since", "until"])
    events = selectors.audit_event_list(
        request.access,
        actor=params["actor"],
        action=params["action"],
        since=_date(params["since"]),
        until=_date(params["until"]),
    )
    if request.GET.get("export") == "csv":
        rows = (
            (
                e.created_at.isoformat(),
                e.actor_label,
                e.acting_as,
                e.action,
                e.target_type,
                e.target_label,
                e.changes,
                e.ip_address,
            )
            for e in events.iterator(chunk_size=2000)
        )
        header = ["Time", "Actor", "Acting as", "Action", "Target type", "Target", "Changes", "IP"]
        return stream_csv(f"audit-log-{request.access.account.pk}.csv", header, rows)
    context = {
        "page": Paginator(events, 50).get_page(request.GET.get("page")),
        "params": params,
        "actions": selectors.AUDIT_ACTIONS,
    }
    partial = "table" if request.htmx.target == "audit-table" else None
    return render_page(request, "iam/audit.html", context, partial)
