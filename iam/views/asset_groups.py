"""My Account > Manage User > Asset Groups, in a Partner's own FortiCloud account (seed 001):
turn asset groups on, user groups of sub users, product groups of units given to them."""

from functools import partial, wraps

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from forticloud.web.actions import confirm_then_act, save_then

from ..forms.asset_groups import AssetGroupsForm, ProductGroupForm, UserGroupForm
from ..selectors import asset_groups as selectors
from ..services import asset_groups as services
from .common import list_url
from .unit_picker import unit_picker_form_page

TEMPLATE = "iam/asset_group_form.html"


def asset_groups_only(view):
    """The master user of a Partner's own account; anyone else finds nothing."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not selectors.may_use_asset_groups(request.access):
            raise Http404("No such page.")
        return view(request, *args, **kwargs)

    return wrapped


@asset_groups_only
@require_http_methods(["GET", "POST"])
def asset_groups(request):
    """The page; POST turns asset groups on or off."""
    access = request.access
    initial = {"enabled": access.account.asset_groups_enabled}
    form = AssetGroupsForm(request.POST or None, initial=initial)
    saved = save_then(
        request,
        form,
        lambda: services.asset_groups_set(access=access, **form.cleaned_data),
        done="Asset groups were updated.",
        next_url=request.path,
    )
    context = {"form": form, **selectors.asset_group_lists(access)}
    return saved or render(request, "iam/asset_groups.html", context)


def _group_page(request, form, save, title):
    return unit_picker_form_page(
        request,
        form,
        TEMPLATE,
        lambda: save(access=request.access, **form.service_fields()),
        done=lambda group: f"{group.name} was saved.",
        next_url=list_url(request, "asset_groups"),
        context={"title": title},
    )


@asset_groups_only
@require_http_methods(["GET", "POST"])
def user_group_create(request):
    form = UserGroupForm(request.POST or None, access=request.access)
    return _group_page(request, form, services.user_group_save, "New User Group")


@asset_groups_only
@require_http_methods(["GET", "POST"])
def user_group_edit(request, pk):
    group = get_object_or_404(selectors.user_groups(request.access), pk=pk)
    form = UserGroupForm(request.POST or None, access=request.access, group=group)
    save = partial(services.user_group_save, group=group)
    return _group_page(request, form, save, f"Edit User Group {group.name}")


@asset_groups_only
@require_http_methods(["GET", "POST"])
def product_group_create(request):
    form = ProductGroupForm(request.POST or None, access=request.access)
    return _group_page(request, form, services.product_group_save, "New Product Group")


@asset_groups_only
@require_http_methods(["GET", "POST"])
def product_group_edit(request, pk):
    group = get_object_or_404(selectors.product_groups(request.access), pk=pk)
    form = ProductGroupForm(request.POST or None, access=request.access, group=group)
    save = partial(services.product_group_save, group=group)
    return _group_page(request, form, save, f"Edit Product Group {group.name}")


@asset_groups_only
@require_http_methods(["GET", "POST"])
def group_delete(request, kind, pk):
    rows = selectors.product_groups if kind == "product" else selectors.user_groups
    group = get_object_or_404(rows(request.access), pk=pk)
    return confirm_then_act(
        request,
        lambda: services.group_delete(access=request.access, group=group),
        title="Confirm to Delete Group",
        message=f"You are about to delete the group {group.name}. Its members keep their own "
        "units. Are you sure you want to continue?",
        done=f"{group.name} was deleted.",
        next_url=list_url(request, "asset_groups"),
    )
