"""My Assets: the folder tree (the Local scope), folders and moving units."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST, require_safe

from forticloud.web.listing import list_values
from forticloud.web.responses import error_text
from iam.decorators import requires
from iam.permissions import Level, Portal

from .. import services
from ..forms import FolderCreateForm, FolderForm, MoveForm, MyAssetsForm
from ..models import Asset, AssetFolder
from .common import READ, asset_nav, has_folders, redirect_to, require_manage


@requires(Portal.ASSET_MANAGEMENT, READ)
@require_safe
def my_assets(request):
    """The folder tree of My Assets, and the units of the chosen folder."""
    access = request.access
    if not has_folders(access):
        raise Http404("No such page.")
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
        "nav": asset_nav(access),
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
    require_manage(request)
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
            return redirect_to(request, "my_assets", f"folder={folder.pk}")
    else:
        messages.error(request, "Enter a folder name of at most 100 characters.")
    return redirect_to(request, "my_assets", f"folder={parent.pk}" if parent else "")


@requires(Portal.ASSET_MANAGEMENT, Level.READ_WRITE)
@require_POST
def folder_rename(request, pk):
    require_manage(request)
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
    return redirect_to(request, "my_assets", f"folder={folder.pk}")


@requires(Portal.ASSET_MANAGEMENT, Level.READ_WRITE)
@require_POST
def folder_delete(request, pk):
    require_manage(request)
    folder = _folder(request, pk)
    try:
        services.folder_delete(access=request.access, folder=folder)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect_to(request, "my_assets", f"folder={folder.pk}")
    messages.success(request, f"Folder {folder.name} was deleted.")
    return redirect_to(
        request, "my_assets", f"folder={folder.parent_id}" if folder.parent_id else ""
    )


@requires(Portal.ASSET_MANAGEMENT, Level.READ_WRITE)
@require_POST
def move(request):
    """Move one or many units (checkboxes) into a folder."""
    require_manage(request)
    form = MoveForm(request.POST, access=request.access)
    if not form.is_valid():
        messages.error(request, "Choose the units to move and a folder that exists.")
        return redirect_to(request, "my_assets")
    target = form.cleaned_data["target"]
    moved = services.assets_move(
        access=request.access, assets=form.cleaned_data["assets"], folder=target
    )
    units = "1 unit" if moved == 1 else f"{moved} units"
    messages.success(request, f"{units} moved to {target.name if target else 'My Assets'}.")
    return redirect_to(request, "my_assets", f"folder={target.pk}" if target else "")
