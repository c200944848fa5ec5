"""Exports through the REST API, as on the pages: start one of a list exactly as a query shows
it (a background job), follow its progress, download its file. A job is its starter's, in the
context it was started in (the account, or the partner's view); the list's own check is asked
again at every step, so a profile that lost the list finds nothing (404)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from forticloud.web.api import request_body, results_of, valid_form
from forticloud.web.exports import CONTENT_TYPES, download

from ..forms.exports import ExportForm
from ..models import ExportJob
from ..services import exports as services
from .authentication import PartnerEndpoint
from .serializers import ExportJobSerializer, ExportStartSerializer

# The newest jobs listed; older ones are still there by their id until they expire.
LISTED = 50


class StoreUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = services.STORE_UNAVAILABLE
    default_code = "store_unavailable"
    wait = services.STORE_RETRY_AFTER  # DRF's handler sends it as Retry-After


def _list_still_allowed(request, name):
    """The list ``name`` if the access may still see it, else None."""
    declaration = services.list_page(name)
    if declaration is None or not declaration.allowed(request.access):
        return None
    return declaration


def _allowed_list(request, name):
    declaration = _list_still_allowed(request, name)
    if declaration is None:
        raise exceptions.NotFound()
    return declaration


def _job(request, pk):
    job = get_object_or_404(ExportJob.objects.visible_to(request.access), pk=pk)
    _allowed_list(request, job.list_name)
    return job


def _answer(request, jobs, code=status.HTTP_200_OK, many=False):
    exports_url = reverse(f"{request.resolver_match.namespace}:exports")
    context = {"request": request, "exports_url": exports_url}
    jobs = [job.settled() for job in jobs] if many else jobs.settled()
    data = ExportJobSerializer(jobs, many=many, context=context).data
    return Response({"results": data, "next": None} if many else data, status=code)


class Exports(APIView):
    @extend_schema(
        operation_id="exports", responses={200: results_of(ExportJobSerializer, "ExportPage")}
    )
    def get(self, request):
        jobs = ExportJob.objects.visible_to(request.access)
        names = jobs.order_by().values_list("list_name", flat=True).distinct()
        allowed = [name for name in names if _list_still_allowed(request, name)]
        return _answer(request, jobs.filter(list_name__in=allowed)[:LISTED], many=True)

    @extend_schema(
        operation_id="export_start",
        request=ExportStartSerializer,
        responses={202: ExportJobSerializer},
    )
    def post(self, request):
        fields = valid_form(ExportForm(request_body(request))).cleaned_data
        job = services.export_start(
            access=request.access,
            declaration=_allowed_list(request, fields["list"]),
            kind=fields["kind"],
            query=fields["query"],
        )
        return _answer(request, job, status.HTTP_202_ACCEPTED)


class ExportDetail(APIView):
    @extend_schema(operation_id="export", responses={200: ExportJobSerializer})
    def get(self, request, pk):
        return _answer(request, _job(request, pk))


class ExportDownload(APIView):
    @extend_schema(
        operation_id="export_download",
        responses={
            **{
                (200, content_type): OpenApiResponse(OpenApiTypes.BINARY, description="The file.")
                for content_type in CONTENT_TYPES.values()
            },
            503: OpenApiResponse(description=f"{services.STORE_UNAVAILABLE} (Retry-After)"),
        },
    )
    def get(self, request, pk):
        job = _job(request, pk)
        try:
            file, size = services.export_file(job, head=request.method == "HEAD")
        except FileNotFoundError:
            raise exceptions.NotFound() from None
        except services.ExportStoreUnavailable:
            raise StoreUnavailable() from None
        return download(file, size, job.download_name, job.kind)


# The same in the partner's view: /api/v1/partner/exports/...
def _partner(view, **operations):
    described = extend_schema_view(
        **{
            method: extend_schema(operation_id=f"partner_{name}")
            for method, name in operations.items()
        }
    )
    return described(type(f"Partner{view.__name__}", (PartnerEndpoint, view), {}))


PartnerExports = _partner(Exports, get="exports", post="export_start")
PartnerExportDetail = _partner(ExportDetail, get="export")
PartnerExportDownload = _partner(ExportDownload, get="export_download")
