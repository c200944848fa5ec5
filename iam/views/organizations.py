"""Services > Organization (seed 002): creating the organization, which makes the account the
root account (IAM in advanced mode), and its tree of OUs."""

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_safe

from forticloud.web.actions import confirm_then_act, form_page

from ..decorators import requires
from ..forms.organizations import OrganizationForm, UnitForm
from ..models import MAX_OU_DEPTH, Account, OrganizationalUnit
from ..permissions import Level, Portal
from ..selectors.organizations import organization_overview
from ..services import members as member_services
from ..services import organizations as services

WRITE = Level.READ_WRITE


def _home(request):
    return request.access.reverse("organization:home")


@requires(Portal.ORGANIZATION)
@require_safe
def organization_home(request):
    """Basic mode: what advanced mode is. A root account: its OU tree. A member: its place."""
    access = request.access
    account = access.account
    context = {
        "mode": account.iam_mode,
        "may_create": services.may_create_organization(access),
        "may_manage": services.may_manage_units(access),
        "may_join": member_services.may_join(access),
        "max_depth": MAX_OU_DEPTH,
    }
    if account.kind == Account.Kind.ROOT:
        context |= organization_overview(access, request.GET.get("page"))
    elif account.kind == Account.Kind.MEMBER:
        context["membership"] = getattr(account, "membership", None)
    return render(request, "iam/organization.html", context)


@requires(Portal.ORGANIZATION, Level.ADMIN)
@require_http_methods(["GET", "POST"])
def organization_create(request):
    access = request.access
    if not services.may_create_organization(access):
        return render(request, "iam/organization_create.html", {"refused": True})
    form = OrganizationForm(request.POST or None)
    return form_page(
        request,
        "iam/organization_create.html",
        form,
        lambda: services.organization_create(access=access, name=form.cleaned_data["name"]),
        done=lambda org: f"Organization {org.name} was created: IAM is in advanced mode.",
        next_url=_home(request),
    )


def _unit(request, pk):
    return get_object_or_404(OrganizationalUnit.objects.visible_to(request.access), pk=pk)


def require_manage(request):
    """OUs are managed in a root account only: anywhere else these pages do not exist."""
    if not services.may_manage_units(request.access):
        raise Http404("No such page.")


@requires(Portal.ORGANIZATION, WRITE)
@require_http_methods(["GET", "POST"])
def ou_create(request):
    require_manage(request)
    access = request.access
    form = UnitForm(request.POST or None, access=access)
    return form_page(
        request,
        "iam/ou_form.html",
        form,
        lambda: services.ou_create(access=access, **form.cleaned_data),
        done=lambda unit: f"OU {unit.name} was created.",
        next_url=_home(request),
        context={"title": "Add OU"},
    )


@requires(Portal.ORGANIZATION, WRITE)
@require_http_methods(["GET", "POST"])
def ou_edit(request, pk):
    """Rename an OU, or move it (with its OUs and members) under another."""
    require_manage(request)
    access, unit = request.access, _unit(request, pk)
    initial = {"name": unit.name, "parent": unit.parent}
    form = UnitForm(request.POST or None, access=access, unit=unit, initial=initial)

    def save():
        name, parent = form.cleaned_data["name"], form.cleaned_data.get("parent", unit.parent)
        with transaction.atomic():  # both or neither
            if name != unit.name:
                services.ou_rename(access=access, unit=unit, name=name)
            if parent != unit.parent:
                services.ou_move(access=access, unit=unit, parent=parent)
        return _unit(request, pk)

    return form_page(
        request,
        "iam/ou_form.html",
        form,
        save,
        done=lambda changed: f"OU {changed.name} was saved.",
        next_url=_home(request),
        context={"title": f"Edit OU {unit.name}", "unit": unit},
    )


@requires(Portal.ORGANIZATION, WRITE)
@require_http_methods(["GET", "POST"])
def ou_delete(request, pk):
    require_manage(request)
    access, unit = request.access, _unit(request, pk)
    return confirm_then_act(
        request,
        lambda: services.ou_delete(access=access, unit=unit),
        title="Delete OU",
        message=f"Delete the OU {unit.name}? Only an empty OU can be deleted.",
        done=f"OU {unit.name} was deleted.",
        next_url=_home(request),
    )
