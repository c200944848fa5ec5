"""The rows of Connected Accounts, written in Python rather than a template loop: Django's
template engine costs about 50 µs a row, more than the rest of a row's work
(tests/perf/HISTORY.md). Every value is escaped (``forticloud.web.rows_html``)."""

from django import template

from forticloud.web.rows_html import rows_html
from forticloud.web.templatetags.portal import choice_label, dialog_link

register = template.Library()

ROW = """
  <tr>
    <td>{account_id}</td>
    <td><a href="{url}">{name}</a></td>
    <td>{company}</td>
    <td>{owner_name}</td>
    <td>{owner_email}</td>
    <td><span class="status status-{status}">{status_label}</span></td>
    <td class="actions">
      {disconnect}
    </td>
  </tr>
"""


@register.simple_tag(takes_context=True)
def connected_account_rows(context, roles):
    """Connected Accounts' rows: the customer's master user (empty unless the role is
    active) and Disconnect for an active role."""
    access = context["access"]

    def values(role):
        company = role.account.company_name
        disconnect = ""
        if role.is_active:
            url = access.reverse("partners:disconnect", pk=role.pk)
            disconnect = dialog_link(url, "Disconnect", name=company, danger=True)
        return {
            "account_id": role.account_id,
            "url": access.reverse("partners:role", pk=role.pk),
            "name": role.name,
            "company": company,
            "owner_name": role.owner_name or "—",
            "owner_email": role.owner_email or "—",
            "status": role.status,
            "status_label": choice_label(role, "status"),
            "disconnect": disconnect,
        }

    return rows_html(ROW, map(values, roles))
