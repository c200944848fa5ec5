"""The Product List, Decommissioned Units, a unit's page, Register, decommission and restore."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from forticloud.web.actions import act_then, confirm_then_act, save_then
from forticloud.web.lists import list_response
from iam.decorators import requires
from iam.permissions import Level, Portal

from .. import lists, services
from ..advisory_selectors import advisory_filtered, unit_advisories
from ..forms import RegisterForm
from ..models import AssetFolder
from ..panels import unit_panels_render
from .common import READ, asset_nav, asset_or_404, require_manage


def _list_page(request, declaration, *, decommissioned):
    access = request.access
    context = {
        "decommissioned": decommissioned,
        "coverage_filters": lists.COVERAGE_FILTERS,
        "coverage_months": lists.coverage_months(),
        "folders": AssetFolder.objects.visible_to(access) if not access.is_aggregated else [],
        "nav": asset_nav(access),
    }
    named, context["sees_advisories"] = advisory_filtered(access, request.GET.get("advisory"))
    context["advisory"] = named.advisory if named else None
    # Decommissioned Units: a Restore button per row for those who manage assets.
    can_manage = not access.is_aggregated and services.may_manage(access)
    context["can_restore"] = decommissioned and can_manage
    context["extra_header"] = "ACTION" if context["can_restore"] else ""
    return list_response(request, declaration, context)


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
    asset = asset_or_404(request, pk)
    show_entitlements = services.may_view_entitlements(request.access)
    context = {
        "asset": asset,
        "panels": unit_panels_render(request, asset),
        "nav": asset_nav(request.access),
        "entitlements": asset.entitlements.all() if show_entitlements else None,
        "can_manage": services.may_manage(request.access),
        "today": timezone.localdate(),
        "advisories": unit_advisories(request.access, asset),
    }
    return render(request, "assets/asset_detail.html", context)


@requires(Portal.ASSET_MANAGEMENT, Level.READ_WRITE)
@require_POST
def firmware(request, pk):
    """The unit page's Firmware Version: Save (empty: not known)."""
    require_manage(request)
    asset = asset_or_404(request, pk)
    version = request.POST.get("firmware_version", "")
    return act_then(
        request,
        lambda: services.asset_firmware_set(access=request.access, asset=asset, version=version),
        done=f"The firmware version of {asset.serial_number} was saved.",
        next_url=request.access.reverse("assets:asset", pk=asset.pk),
    )


@requires(Portal.ASSET_MANAGEMENT, Level.READ_WRITE)
@require_http_methods(["GET", "POST"])
def register(request):
    access = request.access
    if not services.may_register(access):
        raise Http404("No such page.")
    form = RegisterForm(request.POST or None, access=access)
    saved = save_then(
        request,
        form,
        lambda: services.asset_register(access=access, **form.cleaned_data),
        done=lambda asset: f"{asset.serial_number} was registered.",
        next_url=lambda asset: access.reverse("assets:asset", pk=asset.pk),
    )
    return saved or render(
        request, "assets/register.html", {"form": form, "nav": asset_nav(access)}
    )


@requires(Portal.ASSET_MANAGEMENT, Level.READ_WRITE)
@require_http_methods(["GET", "POST"])
def decommission(request, pk):
    require_manage(request)
    asset = asset_or_404(request, pk)
    return confirm_then_act(
        request,
        lambda: services.asset_decommission(access=request.access, asset=asset),
        title="Confirm to Decommission Unit",
        message=f"You are about to decommission {asset.serial_number}. It leaves the "
        "Product List and cannot get new tickets. You can restore it later from "
        "Decommissioned Units.",
        done=f"{asset.serial_number} was decommissioned.",
        next_url=request.access.reverse("assets:decommissioned"),
        cancel_url=request.access.reverse("assets:asset", pk=asset.pk),
    )


@requires(Portal.ASSET_MANAGEMENT, Level.READ_WRITE)
@require_POST
def restore(request, pk):
    require_manage(request)
    asset = asset_or_404(request, pk)
    return act_then(
        request,
        lambda: services.asset_restore(access=request.access, asset=asset),
        done=f"{asset.serial_number} was restored to the Product List.",
        next_url=request.access.reverse("assets:product_list"),
    )
