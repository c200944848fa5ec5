"""The rows of the Product List, Decommissioned Units and the Vulnerability List, written in
Python rather than a template loop: Django's template engine costs about 50 µs a row, more
than the rest of a row's work (tests/perf/HISTORY.md). Every value is escaped
(``forticloud.web.rows_html``)."""

from urllib.parse import quote

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils import timezone

from assets.models import days_to_expiration
from forticloud.web.rows_html import row_html, rows_html
from forticloud.web.templatetags.portal import choice_label, day, thousands
from forticloud.web.urls import row_urls

register = template.Library()

DAYS_MARKS = {"Expired": "status-disabled", "No coverage": "muted"}


def _row_format(aggregated: bool, restore: bool) -> str:
    company = "<td>{company}</td>" if aggregated else ""
    action = (
        '\n      <td class="actions"><form method="post" action="{restore_url}">{csrf}'
        '<button type="submit" aria-label="Restore {serial}">Restore</button></form></td>\n    '
        if restore
        else ""
    )
    return (
        "\n  <tr>\n"
        '    <td><a href="{url}">{serial}</a></td>\n'
        "    <td>{model}</td>\n"
        "    <td>{description}</td>\n"
        f"    {company}\n"
        "    <td>{firmware}</td>\n"
        '    <td><span class="{days_mark}">{days}</span></td>\n'
        "    <td>{registered}</td>\n"
        f"    {action}\n"
        "  </tr>\n"
    )


@register.simple_tag(takes_context=True)
def unit_rows(context, units):
    """The units' rows: from an aggregated list a unit opens in its own account's context and
    shows its company; DAYS TO EXPIRATION counts from today, read once; Decommissioned Units
    adds Restore where the user may restore."""
    access, restore = context["access"], context.get("can_restore", False)
    aggregated = access.is_aggregated
    today = timezone.localdate()
    csrf = CsrfTokenNode().render(context) if restore else ""

    url = row_urls("assets:asset", access.account)

    def values(unit):
        days = days_to_expiration(unit.coverage_ends_on, today)
        row = {
            "url": url(unit),
            "serial": unit.serial_number,
            "model": unit.product_model_name,
            "description": unit.description,
            "firmware": unit.firmware_version or "—",
            "days_mark": DAYS_MARKS.get(days, ""),
            "days": days,
            "registered": day(unit.registered_on),
        }
        if aggregated:
            row["company"] = unit.company_name
        if restore:
            row["restore_url"] = access.reverse("assets:restore", pk=unit.pk)
            row["csrf"] = csrf
        return row

    return rows_html(_row_format(aggregated, restore), map(values, units))


ADVISORY_ROW = (
    "\n  <tr>\n"
    "    <td>{advisory_id}</td>\n"
    "    <td>{title}</td>\n"
    '    <td><span class="severity severity-{severity}">{severity_label}</span></td>\n'
    "    <td>{cvss}</td>\n"
    '    <td class="cve-ids">{cve_ids}</td>\n'
    '    <td><a href="{units_url}" aria-label="{affected} unit{plural} affected by '
    '{advisory_id}">{affected_shown}</a></td>\n'
    "    {companies}\n"
    "    <td>{fixed_versions}</td>\n"
    "    <td>{published}</td>\n"
    "  </tr>\n"
)


@register.simple_tag(takes_context=True)
def advisory_rows(context, advisories):
    """The Vulnerability List's rows: each advisory's units affected link to the Product List
    filtered to it (and to the company searched for, if any)."""
    product_list, params = context["product_list"], context["params"]
    company = f"&company={quote(params.company, safe='/')}" if params.company else ""
    show_companies = "companies" in context["shown_keys"]

    def values(advisory):
        return {
            "advisory_id": advisory.advisory_id,
            "title": advisory.title,
            "severity": advisory.severity,
            "severity_label": choice_label(advisory, "severity"),
            "cvss": advisory.cvss,
            "cve_ids": advisory.cve_ids or "—",
            "units_url": f"{product_list}?advisory={advisory.pk}{company}",
            "affected": advisory.affected,
            "plural": "" if advisory.affected == 1 else "s",
            "affected_shown": thousands(advisory.affected),
            "companies": row_html("<td>{companies}</td>", companies=thousands(advisory.companies))
            if show_companies
            else "",
            "fixed_versions": advisory.fixed_versions or "No fix yet",
            "published": day(advisory.published_on),
        }

    return rows_html(ADVISORY_ROW, map(values, advisories))
