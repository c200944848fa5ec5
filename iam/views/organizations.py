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
FORM = "iam/organization_form.html"  # every form of the Organization portal


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


def organization_form(request, form, save, *, title, submit, done, intro="", next_url=None):
    """A form of the Organization portal, all on one page template: ``save`` on a valid POST,
    then ``next_url`` (the Organization page unless given)."""
    context = {"title": title, "submit": submit, "intro": intro}
    next_url = next_url or _home(request)
    return form_page(request, FORM, form, save, done=done, next_url=next_url, context=context)


def refused_page(request, title, message):
    return render(request, FORM, {"title": title, "refused": message})


NOT_OWNER_OUTSIDE = "Only the owner of an account outside any organization can {what}."


@requires(Portal.ORGANIZATION, Level.ADMIN)
@require_http_methods(["GET", "POST"])
def organization_create(request):
    access = request.access
    title = "Create Organization"
    if not services.may_create_organization(access):
        return refused_page(request, title, NOT_OWNER_OUTSIDE.format(what="create one"))
    form = OrganizationForm(request.POST or None)
    return organization_form(
        request,
        form,
        lambda: services.organization_create(access=access, name=form.cleaned_data["name"]),
        title=title,
        submit=title,
        intro="This account becomes the root account of the organization and IAM turns to "
        "advanced mode. The organization stays: OUs and member accounts are then managed from "
        "Services > Organization.",
        done=lambda org: f"Organization {org.name} was created: IAM is in advanced mode.",
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
    return organization_form(
        request,
        form,
        lambda: services.ou_create(access=access, **form.cleaned_data),
        title="Add OU",
        submit="Add OU",
        done=lambda unit: f"OU {unit.name} was created.",
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

    return organization_form(
        request,
        form,
        save,
        title=f"Edit OU {unit.name}",
        submit="Save",
        done=lambda changed: f"OU {changed.name} was saved.",
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
