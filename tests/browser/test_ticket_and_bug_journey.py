"""A partner opens a "partner only" ticket for a customer's unit, which the customer does not
see; then exports a Bug Tracker search as CSV and Excel."""

import csv
import io
import re

import openpyxl
import pytest
from django.core.management import call_command

from forticare.models import Ticket
from tests.browser.conftest import download_when_ready, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_only_ticket_and_bug_export(new_page, page, settings, worker):
    expect = pytest.importorskip("playwright.sync_api").expect
    call_command("seed_demo", force=True)

    log_in(page, "partner@demo.test", settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Partner Connected Accounts").click()
    page.get_by_role("button", name="Select Company 1274099 (1274099)").click()
    page.locator("#services-menu summary").click()
    page.locator("#services-menu").get_by_role("link", name="FortiCare").click()
    page.get_by_role("link", name="Create Ticket").click()
    page.get_by_label("Subject").fill("Firmware upgrade plan")
    page.get_by_label("Request Type").select_option(label="Technical Support")
    page.get_by_label("Unit (serial number)").select_option(index=1)
    page.get_by_label("Description").fill("Partner-internal planning for the upgrade.")
    page.get_by_label("Partner only").check()
    page.get_by_role("button", name="Submit Ticket").click()
    expect(page.get_by_role("status")).to_contain_text("was created")
    ticket = Ticket.objects.get(subject="Firmware upgrade plan")
    assert (ticket.visibility, ticket.ticket_type) == ("partner", "partner")

    customer_page = new_page()
    log_in(customer_page, "owner@demo.test", settings.DEMO_PASSWORD)
    customer_page.goto("/a/1274099/forticare/?q=Firmware")
    expect(customer_page.locator("#ticket-table")).to_contain_text("No tickets match.")
    customer_page.goto(f"/a/1274099/forticare/tickets/{ticket.pk}/")
    expect(customer_page.get_by_role("heading", name="Page not found")).to_be_visible()

    page.get_by_role("link", name="Bug Tracker").click()
    page.get_by_label("Search:").fill("FortiManager")
    expect(page).to_have_url(re.compile(r"q=FortiManager"))
    total = int(page.locator(".table-tools strong").inner_text())
    assert total > 0
    page.get_by_text("Export").click()
    page.get_by_role("button", name="CSV File").click()
    with page.expect_download() as download:
        download_when_ready(page)
    with open(download.value.path(), encoding="utf-8-sig") as exported:
        rows = list(csv.reader(io.StringIO(exported.read())))
    assert rows[0][0] == "BUG#" and len(rows) - 1 == total
    assert {row[2] for row in rows[1:]} == {"FortiManager"}
    page.get_by_role("link", name=re.compile("^Back to ")).click()
    page.get_by_text("Export").click()
    page.get_by_role("button", name="Excel File").click()
    with page.expect_download() as download:
        download_when_ready(page)
    with open(download.value.path(), "rb") as exported:
        sheet = openpyxl.load_workbook(io.BytesIO(exported.read())).active
    assert sheet.max_row - 1 == total
    assert page.csp_violations == []
