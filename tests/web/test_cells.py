"""The filters lists render once per row (forticloud/web/templatetags/portal.py) read exactly as
the Django filters and model methods they replace: the same dates in the same time zone, the
same labels."""

import datetime
import decimal
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone
from django.utils.functional import lazystr
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from forticare.models import Ticket
from forticloud.web.rows_html import row_html, rows_html
from iam.models import PartnerRole

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def render(source: str, **context) -> str:
    return Template("{% load portal %}" + source).render(Context(context))


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(2026, 12, 5),
        datetime.date(999, 1, 2),  # a year of three digits, padded as Django pads it
        datetime.datetime(2026, 12, 31, 23, 59, 59, tzinfo=datetime.UTC),  # another day there
        datetime.datetime(2026, 1, 1, 0, 0),  # naive
        None,
        "",
        "not a date",
    ],
)
def test_day_and_minute_read_as_the_date_filter(value, settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    with timezone.override(TOKYO):
        assert render("{{ v|day }}", v=value) == render('{{ v|date:"Y-m-d" }}', v=value)
        if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
            # (Django's filter refuses a time format for a date; |minute shows its day.)
            expected = render('{{ v|date:"Y-m-d H:i" }}', v=value)
            assert render("{{ v|minute }}", v=value) == expected


def test_an_aware_time_shows_in_the_current_time_zone():
    moment = datetime.datetime(2026, 12, 31, 23, 59, tzinfo=datetime.UTC)
    with timezone.override(TOKYO):
        assert render("{{ v|minute }}", v=moment) == "2027-01-01 08:59"


@pytest.mark.parametrize(
    ("instance", "field"),
    [
        (Ticket(request_type=Ticket.RequestType.LICENSING), "request_type"),
        (Ticket(ticket_type=Ticket.TicketType.PARTNER), "ticket_type"),
        (Ticket(visibility=Ticket.Visibility.PARTNER_ONLY), "visibility"),
        (Ticket(status="no such status"), "status"),  # not a choice: the value itself
        (PartnerRole(status=PartnerRole.Status.DISABLED), "status"),
    ],
)
def test_choice_label_reads_as_get_display(instance, field):
    expected = render(f"{{{{ i.get_{field}_display }}}}", i=instance)
    assert render(f'{{{{ i|choice_label:"{field}" }}}}', i=instance) == expected


class _Markup:
    """Another library's HTML (``__html__``), e.g. a form's widget."""

    def __html__(self):
        return "<b>bold</b>"


ROW_VALUES = [
    '<img src=x onerror="alert(1)">&\'',  # every character escape turns
    mark_safe("<em>already HTML</em>"),
    gettext_lazy("<Translated & lazy>"),
    lazystr("<lazy text>"),
    _Markup(),
    7,
    -42,
    True,
    None,
    2.5,
    decimal.Decimal("9.10"),
    datetime.date(2026, 12, 6),
    "",
]


@pytest.mark.parametrize("value", ROW_VALUES)
def test_rows_are_escaped_as_format_html_escapes(value):
    """A list's rows (rows_html) read exactly as format_html_join writes them: hostile text
    escaped, HTML left as it is."""
    row = '<tr><td title="{value}">{value}</td><td>{other}</td></tr>'
    rows = [{"value": value, "other": "a<b"}, {"value": "plain", "other": value}]
    written = rows_html(row, rows)
    assert written == format_html_join("", row, rows)
    assert isinstance(written, SafeString)
    assert row_html(row, value=value, other=value) == format_html(row, value=value, other=value)
