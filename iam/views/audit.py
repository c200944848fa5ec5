"""IAM > Audit Log, and its CSV export."""

from django.core.paginator import Paginator
from django.views.decorators.http import require_safe

from forticloud.web.exports import stream_csv
from forticloud.web.listing import list_values, parse_date
from forticloud.web.responses import render_page

from ..decorators import requires
from ..forms.params import AuditLogForm
from ..permissions import Portal
from ..selectors import audit as selectors


@requires(Portal.IAM)
@require_safe
def audit_log(request):
    params = list_values(AuditLogForm, request.GET)
    events = selectors.audit_event_list(
        request.access,
        actor=params["actor"],
        action=params["action"],
        since=parse_date(params["since"]),
        until=parse_date(params["until"]),
    )
    if params["export"] == "csv":
        rows = (
            (
                e.created_at.isoformat(),
                e.actor_label,
                e.acting_as,
                e.action,
                e.target_type,
                e.target_label,
                e.changes,
                e.ip_address,
            )
            for e in events.iterator(chunk_size=2000)
        )
        header = ["Time", "Actor", "Acting as", "Action", "Target type", "Target", "Changes", "IP"]
        return stream_csv(f"audit-log-{request.access.account.pk}.csv", header, rows)
    context = {
        "page": Paginator(events, 50).get_page(params["page"]),
        "params": params,
        "actions": selectors.AUDIT_ACTIONS,
    }
    partial = "table" if request.htmx.target == "audit-table" else None
    return render_page(request, "iam/audit.html", context, partial)
