"""The filters lists render once per row (forticloud/web/templatetags/portal.py) read exactly as
the Django filters and model methods they replace: the same dates in the same time zone, the
same labels."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone

from forticare.models import Ticket
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
