"""IAM > Audit Log, and its CSV export."""

from django.views.decorators.http import require_safe

from forticloud.web.lists import list_response

from ..decorators import requires
from ..lists import AUDIT_LOG
from ..models.audit import ACTION_LABELS
from ..permissions import Portal


@requires(Portal.IAM)
@require_safe
def audit_log(request):
    return list_response(request, AUDIT_LOG, {"actions": ACTION_LABELS})
