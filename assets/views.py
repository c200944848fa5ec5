"""Asset Management pages, in an account (/a/<id>/assets/) or visiting as Partner."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from forticloud.web.listing import list_values
from forticloud.web.lists import list_response
from forticloud.web.responses import confirm_page, error_text, see_other
from iam.decorators import requires
from iam.permissions import Level, Portal, Resource

from . import lists, selectors, services
from .forms import FolderCreateForm, FolderForm, MoveForm, MyAssetsForm, RegisterForm
from .models import Asset, AssetFolder
from .panels import unit_panels_render

READ = Level.READ_ONLY


def _redirect(request, name, query=""):
    url = request.access.reverse(f"assets:{name}")
    return see_other(url, query)


def _asset(request, pk):
    return get_object_or_404(
        Asset.objects.visible_to(request.access).select_related("product_model", "folder"), pk=pk
    )


def _nav(access):
    """The Asset Management menu: only Product List and Decommissioned Units until an account
    is selected (seed 000, "Selecting accounts"); then per the resource permissions."""
    items = [("Product List", "product_list")]
    if not access.is_partner_visit:
        items.append(("My Assets", "my_assets"))
        if services.may_register(access):
            items.append(("Register", "register"))
    items.append(("Decommissioned Units", "decommissioned"))
    if not access.is_partner_visit:
        for label, name, resource in [
            ("Renewal Notice", "renewal_notice", Resource.RENEWAL_NOTICE),
            ("Vulnerability List", "vulnerabilities", Resource.VULNERABILITY_LIST),
            ("Account Services", "account_services", Resource.ACCOUNT_SERVICES),
        ]:
            if access.can(Portal.ASSET_MANAGEMENT, READ, resource):
                items.append((label, name))
    return [(label, access.reverse(f"assets:{name}")) for label, name in items]


def _list_page(request, declaration, *, decommissioned):
    access = request.access
    context = {
        "decommissioned": decommissioned,
        "coverage_filters": lists.COVERAGE_FILTERS,
        "folders": AssetFolder.objects.visible_to(access) if not access.is_partner_visit else [],
        "nav": _nav(access),
        "can_manage": not access.is_partner_visit and services.may_manage(access),
    }
    assets = selectors.asset_list(access, decommissioned=decommissioned)
    return list_response(request, declaration, assets, context)


@requires(Portal.ASSET_MANAGEMENT, READ)
@require_safe
def product_list(request):
    return _list_page(request, lists.PRODUCT_LIST, decommissioned=False)


@requires(Portal.ASSET_MANAGEMENT, READ)
@require_safe
def decommissioned(request):
    return _list_page(request, lists.DECOMMISSIONED_UNITS, decommissioned=True)


@requires(Portal.ASSET_MANAGEMENT, READ)
@require_safe
def asset_detail(request, pk):
    asset = _asset(request, pk)
    show_entitlements = services.may_view_entitlements(request.access)
    context = {
        "asset": asset,
        "panels": unit_panels_render(request, asset),
        "nav": _nav(request.access),
        "entitlements": asset.entitlements.all() if show_entitlements else None,
        "can_manage": services.may_manage(request.access),
        "today": timezone.localdate(),
    }
    return render(request, "assets/asset_detail.html", context)


@requires(Portal.ASSET_MANAGEMENT, Level.READ_WRITE)
@require_http_methods(["GET", "POST"])
def register(request):
    access = request.access
    if not services.may_register(access):
        raise Http404("No such page.")
    form = RegisterForm(request.POST or None, access=access)
    if request.method == "POST" and form.is_valid():
        try:
            asset = services.asset_register(access=access, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{asset.serial_number} was registered.")
            url = access.reverse("assets:asset", pk=asset.pk)
            return see_other(url)
    return render(request, "assets/register.html", {"form": form, "nav": _nav(access)})


def _manage(request):
    if not services.may_manage(request.access):
        raise Http404("No such page.")


@requires(Portal.ASSET_MANAGEMENT, Level.READ_WRITE)
@require_http_methods(["GET", "POST"])
def decommission(request, pk):
    _manage(request)
    asset = _asset(request, pk)
    if request.method == "GET":
        return confirm_page(
            request,
            title="Confirm to Decommission Unit",
            message=f"You are about to decommission {asset.serial_number}. It leaves the "
            "Product List and cannot get new tickets. You can restore it later from "
            "Decommissioned Units.",
            action_url=request.path,
            cancel_url=request.access.reverse("assets:asset", pk=asset.pk),
        )
    services.asset_decommission(access=request.access, asset=asset)
    messages.success(request, f"{asset.serial_number} was decommissioned.")
    return _redirect(request, "decommissioned")


@requires(Portal.ASSET_MANAGEMENT, Level.READ_WRITE)
@require_POST
def restore(request, pk):
    _manage(request)
    asset = _asset(request, pk)
    services.asset_restore(access=request.access, asset=asset)
    messages.success(request, f"{asset.serial_number} was restored to the Product List.")
    return _redirect(request, "product_list")


@requires(Portal.ASSET_MANAGEMENT, READ)
@require_safe
def my_assets(request):
    """The folder tree of My Assets, and the units of the chosen folder."""
    access = request.access
    folders = list(AssetFolder.objects.visible_to(access).order_by("path"))
    shown = list_values(MyAssetsForm, request.GET)["folder"]
    current = next((f for f in folders if str(f.pk) == shown), None)
    if current is None and access.scope_folder is not None:
        current = next((f for f in folders if f.pk == access.scope_folder.pk), None)
    units = Asset.objects.visible_to(access).in_service().select_related("product_model")
    units = units.filter(folder=current).order_by("serial_number")[:200]
    context = {
        "folders": folders,
        "current": current,
        "units": units,
        "nav": _nav(access),
        "can_manage": services.may_manage(access),
        "folder_form": FolderForm(),
        "move_form": MoveForm(access=access),
        "depth": {f.pk: f.path.count("/") - 2 for f in folders},
    }
    return render(request, "assets/my_assets.html", context)


def _folder(request, pk):
    return get_object_or_404(AssetFolder.objects.visible_to(request.access), pk=pk)


def _folder_change(request, action, *args):
    try:
        result = action(*args)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return None
    return result


@requires(Portal.ASSET_MANAGEMENT, Level.READ_WRITE)
@require_POST
def folder_create(request):
    _manage(request)
    form = FolderCreateForm(request.POST)
    valid = form.is_valid()
    if "parent" in form.errors:
        raise Http404("No such folder.")  # not an id: the same page as a missing folder
    parent = _folder(request, form.cleaned_data["parent"]) if form.cleaned_data["parent"] else None
    if valid:
        folder = _folder_change(
            request,
            lambda: services.folder_create(
                access=request.access, name=form.cleaned_data["name"], parent=parent
            ),
        )
        if folder:
            messages.success(request, f"Folder {folder.name} was created.")
            return _redirect(request, "my_assets", f"folder={folder.pk}")
    else:
        messages.error(request, "Enter a folder name of at most 100 characters.")
    return _redirect(request, "my_assets", f"folder={parent.pk}" if parent else "")


@requires(Portal.ASSET_MANAGEMENT, Level.READ_WRITE)
@require_POST
def folder_rename(request, pk):
    _manage(request)
    folder = _folder(request, pk)
    form = FolderForm(request.POST)
    if form.is_valid():
        renamed = _folder_change(
            request,
            lambda: services.folder_rename(
                access=request.access, folder=folder, name=form.cleaned_data["name"]
            ),
        )
        if renamed:
            messages.success(request, f"The folder is now called {renamed.name}.")
    else:
        messages.error(request, "Enter a folder name of at most 100 characters.")
    return _redirect(request, "my_assets", f"folder={folder.pk}")


@requires(Portal.ASSET_MANAGEMENT, Level.READ_WRITE)
@require_POST
def folder_delete(request, pk):
    _manage(request)
    folder = _folder(request, pk)
    try:
        services.folder_delete(access=request.access, folder=folder)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return _redirect(request, "my_assets", f"folder={folder.pk}")
    messages.success(request, f"Folder {folder.name} was deleted.")
    return _redirect(request, "my_assets", f"folder={folder.parent_id}" if folder.parent_id else "")


@requires(Portal.ASSET_MANAGEMENT, Level.READ_WRITE)
@require_POST
def move(request):
    """Move one or many units (checkboxes) into a folder."""
    _manage(request)
    form = MoveForm(request.POST, access=request.access)
    if not form.is_valid():
        messages.error(request, "Choose the units to move and a folder that exists.")
        return _redirect(request, "my_assets")
    target = form.cleaned_data["target"]
    moved = services.assets_move(
        access=request.access, assets=form.cleaned_data["assets"], folder=target
    )
    messages.success(request, f"{moved} units moved to {target.name if target else 'My Assets'}.")
    return _redirect(request, "my_assets", f"folder={target.pk}" if target else "")


def _resource_page(request, resource, template, context):
    if not request.access.can(Portal.ASSET_MANAGEMENT, READ, resource):
        raise Http404("No such page.")
    return render(request, template, {"nav": _nav(request.access), **context})


@requires(Portal.ASSET_MANAGEMENT, READ)
@require_safe
def renewal_notice(request):
    """Units whose coverage ends within 90 days or has ended: the candidates for renewal."""
    in_service = selectors.asset_list(request.access).select_related("product_model")
    table = lists.PRODUCT_TABLE
    context = {
        "expiring": table.ordered(lists.coverage_filter(in_service, "expiring90"), "days")[:100],
        "expired": table.ordered(lists.coverage_filter(in_service, "expired"), "-days")[:100],
        "can_renew": request.access.can(Portal.ASSET_MANAGEMENT, Level.ADMIN),
        "today": timezone.localdate(),
    }
    return _resource_page(request, Resource.RENEWAL_NOTICE, "assets/renewal_notice.html", context)


@requires(Portal.ASSET_MANAGEMENT, READ)
@require_safe
def vulnerabilities(request):
    return _resource_page(request, Resource.VULNERABILITY_LIST, "assets/vulnerabilities.html", {})


@requires(Portal.ASSET_MANAGEMENT, READ)
@require_safe
def account_services(request):
    if not services.may_view_entitlements(request.access):
        raise Http404("No such page.")
    from django.db.models import Count

    from .models import Entitlement

    summary = (
        Entitlement.objects.filter(asset__in=Asset.objects.visible_to(request.access).in_service())
        .values("service")
        .annotate(units=Count("asset", distinct=True))
        .order_by("service")
    )
    labels = dict(Entitlement.Service.choices)
    context = {"summary": [(labels[row["service"]], row["units"]) for row in summary]}
    return _resource_page(
        request, Resource.ACCOUNT_SERVICES, "assets/account_services.html", context
    )
