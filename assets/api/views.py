"""Asset Management in the REST API: the Product List and Decommissioned Units (the pages'
filters, sort and cursor), a unit, Register, decommission and restore, its firmware version,
the folders of My Assets and moves. The pages' forms validate the input and their services
make the changes; a write the profile does not allow is a 404, as on the pages, and so is an
id outside the access."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from forticloud.web.api import (
    ListEndpoint,
    list_schema,
    request_body,
    results_of,
    valid_form,
    whole_list,
)
from iam.api.authentication import PartnerEndpoint
from iam.permissions import Portal

from .. import services
from ..forms import FirmwareForm, FolderCreateForm, FolderForm, MoveForm, RegisterForm
from ..lists import DECOMMISSIONED_UNITS, PRODUCT_LIST
from ..models import Asset, AssetFolder
from .serializers import (
    FirmwareSerializer,
    FolderCreateSerializer,
    FolderRenameSerializer,
    FolderSerializer,
    MovedSerializer,
    MoveSerializer,
    UnitDetailSerializer,
    UnitRegisterSerializer,
    UnitSerializer,
)


def _require(allowed: bool) -> None:
    if not allowed:
        raise exceptions.NotFound()


def _unit(request, pk):
    _require(request.access.can(Portal.ASSET_MANAGEMENT))
    return get_object_or_404(Asset.objects.visible_to(request.access), pk=pk)


def _unit_answer(request, pk, code=status.HTTP_200_OK):
    """The unit, with its entitlements only for whom its page shows them (seed 001)."""
    context = {"show_entitlements": services.may_view_entitlements(request.access)}
    return Response(UnitDetailSerializer(_unit(request, pk), context=context).data, status=code)


def _folder(request, pk):
    _require(services.may_manage(request.access))
    return get_object_or_404(AssetFolder.objects.visible_to(request.access), pk=pk)


@list_schema(PRODUCT_LIST, UnitSerializer)
class ProductList(ListEndpoint):
    declaration = PRODUCT_LIST
    serializer_class = UnitSerializer

    @extend_schema(
        operation_id="assets_unit_register",
        request=UnitRegisterSerializer,
        responses={201: UnitDetailSerializer},
    )
    def post(self, request):
        access = request.access
        _require(services.may_register(access))
        form = valid_form(RegisterForm(request_body(request), access=access))
        unit = services.asset_register(access=access, **form.cleaned_data)
        return _unit_answer(request, unit.pk, status.HTTP_201_CREATED)


@list_schema(DECOMMISSIONED_UNITS, UnitSerializer)
class DecommissionedUnits(ListEndpoint):
    declaration = DECOMMISSIONED_UNITS
    serializer_class = UnitSerializer


class UnitDetail(APIView):
    @extend_schema(operation_id="assets_unit", responses={200: UnitDetailSerializer})
    def get(self, request, pk):
        return _unit_answer(request, pk)


class UnitDecommission(APIView):
    change = staticmethod(services.asset_decommission)

    @extend_schema(
        operation_id="assets_unit_decommission", request=None, responses={200: UnitDetailSerializer}
    )
    def post(self, request, pk):
        _require(services.may_manage(request.access))
        self.change(access=request.access, asset=_unit(request, pk))
        return _unit_answer(request, pk)


class UnitRestore(UnitDecommission):
    change = staticmethod(services.asset_restore)

    @extend_schema(
        operation_id="assets_unit_restore", request=None, responses={200: UnitDetailSerializer}
    )
    def post(self, request, pk):
        return super().post(request, pk)


class UnitFirmware(APIView):
    @extend_schema(
        operation_id="assets_unit_firmware",
        request=FirmwareSerializer,
        responses={200: UnitDetailSerializer},
    )
    def post(self, request, pk):
        _require(services.may_manage(request.access))
        unit = _unit(request, pk)
        form = valid_form(FirmwareForm(request_body(request)))
        version = form.cleaned_data["firmware_version"]
        services.asset_firmware_set(access=request.access, asset=unit, version=version)
        return _unit_answer(request, pk)


class UnitMove(APIView):
    @extend_schema(
        operation_id="assets_units_move", request=MoveSerializer, responses={200: MovedSerializer}
    )
    def post(self, request):
        access = request.access
        _require(services.may_manage(access))
        form = valid_form(MoveForm(request_body(request), access=access))
        data = form.cleaned_data
        moved = services.assets_move(access=access, assets=data["assets"], folder=data["target"])
        return Response({"moved": moved})


class FolderList(APIView):
    @extend_schema(
        operation_id="assets_folders", responses={200: results_of(FolderSerializer, "FolderPage")}
    )
    def get(self, request):
        _require(request.access.can(Portal.ASSET_MANAGEMENT))
        folders = AssetFolder.objects.visible_to(request.access)
        return whole_list(folders, FolderSerializer)

    @extend_schema(
        operation_id="assets_folder_create",
        request=FolderCreateSerializer,
        responses={201: FolderSerializer},
    )
    def post(self, request):
        _require(services.may_manage(request.access))
        form = FolderCreateForm(request_body(request))
        form.is_valid()
        if "parent" in form.errors:
            raise exceptions.NotFound()  # not an id: the same answer as a missing folder
        parent_id = form.cleaned_data.get("parent")
        parent = _folder(request, parent_id) if parent_id else None
        name = valid_form(form).cleaned_data["name"]
        folder = services.folder_create(access=request.access, name=name, parent=parent)
        return Response(FolderSerializer(folder).data, status=status.HTTP_201_CREATED)


class FolderRename(APIView):
    @extend_schema(
        operation_id="assets_folder_rename",
        request=FolderRenameSerializer,
        responses={200: FolderSerializer},
    )
    def post(self, request, pk):
        folder = _folder(request, pk)
        name = valid_form(FolderForm(request_body(request))).cleaned_data["name"]
        folder = services.folder_rename(access=request.access, folder=folder, name=name)
        return Response(FolderSerializer(folder).data)


class FolderDelete(APIView):
    @extend_schema(operation_id="assets_folder_delete", request=None, responses={204: None})
    def post(self, request, pk):
        services.folder_delete(access=request.access, folder=_folder(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


@list_schema(PRODUCT_LIST, UnitSerializer, prefix="partner_")
class PartnerProductList(PartnerEndpoint, ListEndpoint):
    """The aggregated Product List of Visit as Partner: every connected customer's units the
    roles grant, with their company."""

    declaration = PRODUCT_LIST
    serializer_class = UnitSerializer
