"""Asset Management in the REST API: the Product List and Decommissioned Units (the pages'
filters, sort and cursor) and a unit, for the API user's access (404 outside it)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from forticloud.web.api import ListEndpoint, list_schema
from iam.permissions import Portal

from ..lists import DECOMMISSIONED_UNITS, PRODUCT_LIST
from ..models import Asset
from .serializers import UnitDetailSerializer, UnitSerializer


@list_schema(PRODUCT_LIST, UnitSerializer)
class ProductList(ListEndpoint):
    declaration = PRODUCT_LIST
    serializer_class = UnitSerializer


@list_schema(DECOMMISSIONED_UNITS, UnitSerializer)
class DecommissionedUnits(ListEndpoint):
    declaration = DECOMMISSIONED_UNITS
    serializer_class = UnitSerializer


class UnitDetail(APIView):
    serializer_class = UnitDetailSerializer

    @extend_schema(operation_id="assets_unit", responses={200: UnitDetailSerializer})
    def get(self, request, pk):
        if not request.access.can(Portal.ASSET_MANAGEMENT):
            raise exceptions.NotFound()
        units = Asset.objects.visible_to(request.access).prefetch_related("entitlements")
        return Response(UnitDetailSerializer(get_object_or_404(units, pk=pk)).data)
