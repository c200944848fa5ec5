"""Exports: Start Export, the job's page with its live progress, and the download.

Every one of them asks the list's own check again (``ListPage.allowed``): a user who lost the
list since, or who is in another context, finds nothing (404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_safe

from forticloud.web.exports import download
from forticloud.web.responses import error_text, render_page, see_other

from ..forms.exports import ExportForm
from ..models import ExportJob
from ..services import exports as services


def _list_page_or_404(request, name):
    declaration = services.list_page(name)
    if request.access is None or declaration is None or not declaration.allowed(request.access):
        raise Http404("No such page.")
    return declaration


def _job(request, pk):
    job = get_object_or_404(ExportJob.objects.visible_to(request.access), pk=pk)
    return job.settled(), _list_page_or_404(request, job.list_name)


@require_http_methods(["GET", "POST"])
def export_start(request):
    """GET: what will be exported, and Start Export; POST: queue the job, show its page."""
    form = ExportForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        raise Http404("No such export.")
    fields = form.cleaned_data
    declaration = _list_page_or_404(request, fields["list"])
    list_url = request.access.reverse(declaration.name)
    if request.method == "GET":
        context = {"form": form, "list_page": declaration, "list_url": list_url}
        return render(request, "iam/export_start.html", context)
    try:
        job = services.export_start(
            access=request.access,
            declaration=declaration,
            kind=fields["kind"],
            query=fields["query"],
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return see_other(list_url, fields["query"])
    return see_other(request.access.reverse("export_job", pk=job.pk))


@require_safe
def export_job(request, pk):
    """The job's page; htmx asks for its progress a quarter of a second after the page opens
    (the worker starts a job at once, and a small one is often done by then), then every
    second until it is finished (every 5 s once no worker has taken it for 30 s)."""
    job, declaration = _job(request, pk)
    return _job_page(request, job, declaration)


def _job_page(request, job, declaration, store_error=None):
    context = {
        "job": job,
        "list_page": declaration,
        "list_url": request.access.reverse(declaration.name),
        "first_look": not request.htmx,
        "store_error": store_error,
    }
    if store_error is None:
        return render_page(request, "iam/export_job.html", context, "progress")
    response = render_page(request, "iam/export_job.html", context, status=503)
    response["Retry-After"] = str(services.STORE_RETRY_AFTER)
    return response


@require_safe
def export_download(request, pk):
    """The file as an attachment; while the store cannot be read, the job's page says so (503)."""
    job, declaration = _job(request, pk)
    try:
        file, size = services.export_file(job, head=request.method == "HEAD")
    except FileNotFoundError:
        raise Http404("This export is not available.") from None
    except services.ExportStoreUnavailable:
        return _job_page(request, job, declaration, services.STORE_UNAVAILABLE)
    return download(file, size, job.download_name, job.kind)
