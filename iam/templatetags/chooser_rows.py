"""The rows of the account chooser and Switch Accounts, written in Python rather than a
template loop: Django's template engine costs about 50 µs a row, more than the rest of a
row's work (tests/perf/HISTORY.md). Every value is escaped (``forticloud.web.rows_html``)."""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse

from forticloud.web.rows_html import rows_html

register = template.Library()

ROW = """
        <tr>
          <td>{company}</td>
          <td>{pk}</td>
          <td class="actions">
            {select}
          </td>
        </tr>
"""
# Switch Accounts (a dialog) confirms first; the chooser page selects at once.
CONFIRM = (
    '<a class="button" href="{confirm_url}?to=a-{pk}" hx-get="{confirm_url}?to=a-{pk}" '
    'hx-target="#modal-body" aria-label="Select {company} ({pk})">Select</a>'
)
SELECT = """<form method="post" action="{select_url}">
                {csrf}
                <input type="hidden" name="to" value="a-{pk}">
                <button type="submit" aria-label="Select {company} ({pk})">Select</button>
              </form>"""


@register.simple_tag(takes_context=True)
def chooser_rows(context, accounts):
    """The accounts of one page of the chooser, each with its Select."""
    if context.get("switching"):
        select, urls = CONFIRM, {"confirm_url": reverse("switch_confirm")}
    else:
        select = SELECT
        urls = {"select_url": reverse("select_context"), "csrf": CsrfTokenNode().render(context)}
    row = ROW.replace("{select}", select)
    return rows_html(row, ({"company": a.company_name, "pk": a.pk, **urls} for a in accounts))
