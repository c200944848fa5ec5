"""A partner sorts and searches the aggregated Product List and downloads it as CSV and .xlsx."""

import csv
import io
import re

import openpyxl
import pytest
from django.core.management import call_command

from assets.models import Asset
from iam.models import User
from iam.partner_access import access_for_partner_visit
from tests.browser.conftest import download_when_ready, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_sorts_searches_and_exports(page, settings, worker):
    expect = pytest.importorskip("playwright.sync_api").expect
    call_command("seed_demo", force=True)
    partner = User.objects.get(email="partner@demo.test")
    visible = Asset.objects.visible_to(access_for_partner_visit(partner)).in_service()
    fortigates = visible.filter(description__icontains="fortigate").count()
    assert fortigates > 25  # more than one page

    log_in(page, "partner@demo.test", settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Partner Connected Accounts").click()
    page.get_by_role("button", name="Visit as Partner").click()
    page.locator("#services-menu summary").click()
    page.locator("#services-menu").get_by_role("link", name="Asset Management").click()
    expect(page.get_by_role("heading", name="Product List")).to_be_visible()
    table = page.locator("#asset-table")
    expect(table.get_by_role("columnheader", name="COMPANY")).to_be_visible()

    page.get_by_role("link", name="Sort by days to expiration").click()
    expect(page).to_have_url(re.compile(r"sort=days"))
    expect(table.locator("tbody tr").first).to_contain_text("No coverage")
    page.get_by_role("link", name="Sort by days to expiration").click()
    expect(page).to_have_url(re.compile(r"sort=-days"))
    expect(table.locator("tbody tr").first).to_contain_text("days")

    # While htmx fetches, the loading bar is on; once the rows are in, it is off again.
    page.evaluate(
        """document.body.addEventListener("htmx:beforeSend", () => {
            window.loadingShown = document.querySelector("#loading").matches(".htmx-request");
        })"""
    )
    page.get_by_label("Search by serial number or description").fill("fortigate")
    expect(page).to_have_url(re.compile(r"q=fortigate"))
    expect(page).to_have_url(re.compile(r"sort=-days"))  # the sort survives the search
    expect(table.locator("tbody tr")).to_have_count(25)
    expect(table.locator("tbody tr").first).to_contain_text("days")
    for text in table.locator("tbody tr td:nth-child(2)").all_inner_texts():
        assert text.startswith("FortiGate")

    page.get_by_text("Export").click()
    page.get_by_role("button", name="CSV File").click()
    with page.expect_download() as download:
        download_when_ready(page)
    with open(download.value.path(), encoding="utf-8-sig") as exported:
        text = exported.read()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["Serial Number", "Product Model", "Description", "Company"]
    assert len(rows) - 1 == fortigates  # the whole view, not just the page

    page.get_by_role("link", name=re.compile("^Back to ")).click()
    page.get_by_text("Export").click()
    page.get_by_role("button", name="Excel File").click()
    with page.expect_download() as download:
        download_when_ready(page)
    assert download.value.suggested_filename == "product-list.xlsx"
    with open(download.value.path(), "rb") as workbook:
        sheet = openpyxl.load_workbook(io.BytesIO(workbook.read())).active
    assert sheet.max_row - 1 == fortigates
    models = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert models == {"FortiGate 60F", "FortiGate 100F"}
    assert page.csp_violations == []
