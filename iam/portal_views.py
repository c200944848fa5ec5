"""The IAM portal of an account: Users, User Groups, Permission Profiles, Audit Log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from forticloud.web.exports import stream_csv
from forticloud.web.listing import list_values, parse_date
from forticloud.web.responses import confirm_page, error_text, render_page, see_other

from . import grants, selectors, services
from .decorators import requires
from .filters import AuditLogForm, UserListForm
from .forms import GroupForm, IamUserForm, ProfileForm
from .models import PermissionProfile, User, UserGroup
from .permissions import Level, Portal, ResourceLevel

PAGE_SIZE = 25
WRITE = Level.READ_WRITE


def _back_to(request, name):
    return see_other(request.access.reverse(f"iam:{name}"))


def changeable_or_404(request, obj):
    """``obj`` if the access may change it (iam.grants.may_change), else the same 404 as a
    missing one: the controls are not offered, and a forged request finds nothing."""
    if not grants.may_change(request.access, obj):
        raise Http404("No such page.")
    return obj


def _iam_user(request, pk):
    users = User.objects.visible_to(request.access).filter(kind=User.Kind.IAM)
    users = users.select_related(*grants.USER_GRANT_RELATIONS)
    return changeable_or_404(request, get_object_or_404(users, pk=pk))


def _profile_page(request, context):
    context |= {"level_columns": Level.labels, "resource_columns": ResourceLevel.labels}
    return render(request, "iam/profile_form.html", context)


# Users


@requires(Portal.IAM)
@require_safe
def iam_home(request):
    return HttpResponseRedirect(request.access.reverse("iam:users"))


@requires(Portal.IAM)
@require_safe
def users(request):
    params = list_values(UserListForm, request.GET)
    rows = selectors.principal_list(
        request.access,
        q=params["q"],
        type=params["type"],
        status=params["status"],
        sort=params["sort"],
    )
    page = Paginator(rows, PAGE_SIZE).get_page(params["page"])
    can_write = request.access.can(Portal.IAM, WRITE)
    context = {
        "page": page,
        "params": params,
        "types": selectors.PRINCIPAL_TYPES,
        "statuses": selectors.PRINCIPAL_STATUSES,
        "can_write": can_write,
        "changeable": selectors.changeable_principals(request.access, page if can_write else []),
    }
    partial = "table" if request.htmx.target == "user-table" else None
    return render_page(request, "iam/users.html", context, partial)


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def user_create(request):
    form = IamUserForm(request.POST or None, access=request.access)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.iam_user_create(
                access=request.access,
                password=form.cleaned_data["password"],
                **form.service_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"IAM user {user.username} was created.")
            return _back_to(request, "users")
    return render(request, "iam/user_form.html", {"form": form, "title": "New IAM User"})


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def user_edit(request, pk):
    user = _iam_user(request, pk)
    form = IamUserForm(request.POST or None, instance=user, access=request.access)
    if request.method == "POST" and form.is_valid():
        try:
            services.iam_user_update(
                access=request.access,
                user=user,
                password=form.cleaned_data["password"],
                **form.service_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
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
        messages.error(request, error_text(error))
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


def _changeable_ids(request, objects) -> set[int]:
    if not request.access.can(Portal.IAM, WRITE):
        return set()
    return {obj.pk for obj in objects if grants.may_change(request.access, obj)}


@requires(Portal.IAM)
@require_safe
def profiles(request):
    rows = list(PermissionProfile.objects.visible_to(request.access).order_by("-builtin", "name"))
    context = {
        "profiles": rows,
        "portals": list(Portal),
        "can_write": request.access.can(Portal.IAM, WRITE),
        "changeable": _changeable_ids(request, [p for p in rows if not p.is_builtin]),
    }
    return render(request, "iam/profiles.html", context)


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def profile_create(request):
    form = ProfileForm(request.POST or None, access=request.access)
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.profile_create(access=request.access, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Permission profile {profile.name} was created.")
            return _back_to(request, "profiles")
    return _profile_page(request, {"form": form, "title": "New Permission Profile"})


@requires(Portal.IAM)
@require_http_methods(["GET", "POST"])
def profile_edit(request, pk):
    """Edit an account's profile; built-ins and Read Only users see it without controls."""
    profile = _profile(request, pk)
    can_write = not profile.is_builtin and request.access.can(Portal.IAM, WRITE)
    editable = can_write and grants.may_change(request.access, profile)
    if request.method == "POST" and not profile.is_builtin and not editable:
        # Read Only, beyond the actor's grants, or the grant it acts through: like any write.
        raise Http404("No such page.")
    form = ProfileForm(request.POST or None, instance=profile, access=request.access)
    if not editable:
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST":
        if not editable:
            messages.error(request, "This permission profile cannot be changed.")
            return _back_to(request, "profiles")
        if form.is_valid():
            try:
                services.profile_update(access=request.access, profile=profile, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
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
    changeable_or_404(request, profile)
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
        messages.error(request, error_text(error))
    return _back_to(request, "profiles")


# User Groups


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
        "changeable": _changeable_ids(request, rows),
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
    try:
        services.group_delete(access=request.access, group=group)
        messages.success(request, f"User group {group.name} was deleted.")
    except ValidationError as error:
        messages.error(request, error_text(error))
    return _back_to(request, "groups")


# Audit Log


@requires(Portal.IAM)
@require_safe
def audit_log(request):
    params = list_values(AuditLogForm, request.GET)
    events = selectors.audit_event_list(
        request.access,
        actor=params["actor"],
        action=params["action"],
        since=parse_date(params["since"]),
        until=parse_date(params["until"]),
    )
    if params["export"] == "csv":
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
        "page": Paginator(events, 50).get_page(params["page"]),
        "params": params,
        "actions": selectors.AUDIT_ACTIONS,
    }
    partial = "table" if request.htmx.target == "audit-table" else None
    return render_page(request, "iam/audit.html", context, partial)
