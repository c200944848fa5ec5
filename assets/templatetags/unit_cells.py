"""Cells of a unit's row that lists render many times per page."""

from django import template
from django.utils import timezone
from django.utils.html import format_html

from assets.models import days_to_expiration

register = template.Library()


@register.simple_tag(takes_context=True)
def days_to_expiration_cell(context, coverage_ends_on):
    """A unit's DAYS TO EXPIRATION: "N days", "Expired" (marked) or "No coverage" (muted),
    counted from today as read once per rendering."""
    if "today" not in context.render_context:
        context.render_context["today"] = timezone.localdate()
    days = days_to_expiration(coverage_ends_on, context.render_context["today"])
    marks = {"Expired": "status-disabled", "No coverage": "muted"}
    return format_html('<span class="{}">{}</span>', marks.get(days, ""), days)
