import sys

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

# Seconds a client should wait before trying again while the database is unreachable.
RETRY_AFTER = 30


@never_cache
@require_safe
def healthz(request):
    """For load balancers and benchmarks: no login, one database round trip."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


API_NOT_FOUND = {"error": {"status": 404, "code": "not_found", "message": "Not found."}}


def not_found(request, exception=None):
    """handler404: the API's JSON error under /api/, the portal's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse(API_NOT_FOUND, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """handler500: 503 with a short page while the database is unreachable (as /healthz says),
    Django's 500 page for anything else. Neither touches the database."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        page = loader.get_template("503.html").render()
        response = HttpResponse(page, status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    return defaults.server_error(request)
