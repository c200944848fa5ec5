"""The rows of All Tickets and the Bug Tracker, written in Python rather than a template loop:
Django's template engine costs about 50 µs a row, more than the rest of a row's work
(tests/perf/HISTORY.md). Every value is escaped (``forticloud.web.rows_html``)."""

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from forticare.models import Ticket
from forticloud.web.rows_html import row_html, rows_html
from forticloud.web.templatetags.portal import choice_labels, day, minute
from forticloud.web.urls import row_urls

register = template.Library()

TICKET_ROW = """
  <tr>
    <td><a href="{url}">{pk}</a></td>
    <td>{subject}</td>
    <td>{request_type}</td>
    <td>{created}</td>
    <td>{closed}</td>
    <td>{ticket_type}</td>
    <td>{company}</td>
    {visibility}
  </tr>
"""
PARTNER_ONLY = mark_safe('<td><span class="badge">Partner only</span></td>')


@register.simple_tag(takes_context=True)
def ticket_rows(context, tickets):
    """All Tickets' rows: a ticket opens in its own account's context from an aggregated
    list; the Ticket Visibility cell shows only where its column does. What every row shares
    (the link, the labels, the time zone) is looked up once."""
    url = row_urls("forticare:ticket", context["access"].account)
    zone = timezone.get_current_timezone()
    request_types = choice_labels(Ticket, "request_type")
    ticket_types = choice_labels(Ticket, "ticket_type")
    shows_visibility = "visibility" in context["shown_keys"]
    labels = choice_labels(Ticket, "visibility").items()
    visibility_cells = {value: row_html("<td>{label}</td>", label=label) for value, label in labels}
    visibility_cells["partner"] = PARTNER_ONLY

    def visibility(ticket):
        if not shows_visibility:
            return ""
        return visibility_cells.get(ticket.visibility) or row_html(
            "<td>{label}</td>", label=ticket.visibility
        )

    def values(ticket):
        closed = ticket.closed_at
        return {
            "url": url(ticket),
            "pk": ticket.pk,
            "subject": ticket.subject,
            "request_type": request_types.get(ticket.request_type, ticket.request_type),
            "created": minute(ticket.created_at.astimezone(zone)),
            "closed": "" if closed is None else day(closed.astimezone(zone)),
            "ticket_type": ticket_types.get(ticket.ticket_type, ticket.ticket_type),
            "company": ticket.company_name,
            "visibility": visibility(ticket),
        }

    return rows_html(TICKET_ROW, map(values, tickets))


# The Bug Tracker's cells after BUG#, in the table's column order, each shown only where its
# column is. A bug's page is "<number>/" below this list's own URL: a relative link costs no
# URL reversing per row.
BUG_CELLS = {
    "category": ("<td>{category}</td>", lambda bug: bug.category),
    "project": ("<td>{project}</td>", lambda bug: bug.project),
    "releases": ("<td>{releases}</td>", lambda bug: ", ".join(bug.releases)),
    "status": ("<td>{status}</td>", lambda bug: bug.status),
    "summary": ('<td><a href="{number}/">{summary}</a></td>', lambda bug: bug.summary),
}


@register.simple_tag(takes_context=True)
def bug_rows(context, bugs):
    """The Bug Tracker's rows, each cell only where its column shows."""
    shown = [key for key in BUG_CELLS if key in context["shown_keys"]]
    row = "".join(f"    {BUG_CELLS[key][0] if key in shown else ''}\n" for key in BUG_CELLS)
    row = f'\n  <tr>\n    <td><a href="{{number}}/">{{number}}</a></td>\n{row}  </tr>\n'
    return rows_html(
        row,
        ({"number": bug.number, **{key: BUG_CELLS[key][1](bug) for key in shown}} for bug in bugs),
    )
