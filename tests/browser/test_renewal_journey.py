"""Online renewal end to end (issue 18): the customer's Admin renews two units from the Renewal
Notice; the partner sees the request visiting as Partner, quotes it and completes it with
contract codes; the customer's units show the new coverage. axe on every page of it."""

import re

import pytest
from django.core.management import call_command

from assets.models import Asset, RenewalRequest
from tests.browser.conftest import log_in
from tests.browser.test_accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACCOUNT = "/a/1274099"


def test_the_customer_renews_two_units_and_the_partner_completes_them(new_page, settings):
    expect = pytest.importorskip("playwright.sync_api").expect
    call_command("seed_demo", force=True)
    violations = []

    owner = new_page()
    log_in(owner, "owner@demo.test", settings.DEMO_PASSWORD)
    owner.goto(f"{ACCOUNT}/assets/")
    owner.get_by_role("link", name="Renewal Notice").click()
    violations += serious_violations(owner, f"{ACCOUNT}/assets/renewal-notice/")
    boxes = owner.locator("#renew-form input[name=units]")
    for box in boxes.all()[:2]:
        box.check()
    owner.get_by_role("button", name="Renew").click()
    expect(owner.get_by_role("heading", name="Renew")).to_be_visible()
    expect(owner.get_by_role("caption")).to_have_text("2 units to renew")
    owner.get_by_label("1 year").check()
    owner.get_by_label("Note").fill("PO 2026-118, contact the NOC.")
    violations += serious_violations(owner, owner.url)  # the same page, reloaded by GET
    owner.get_by_label("Note").fill("PO 2026-118, contact the NOC.")
    owner.get_by_role("button", name="Send Request").click()
    expect(owner.get_by_role("status")).to_contain_text("was sent.")
    request = RenewalRequest.objects.latest("pk")
    units = [line.asset for line in request.units.select_related("asset").order_by("pk")]
    assert len(units) == 2 and request.partner.company_name == "Aruba 123 Internet Security"
    violations += serious_violations(owner, owner.url)

    partner = new_page()
    log_in(partner, "partner@demo.test", settings.DEMO_PASSWORD)
    partner.goto("/partner/assets/")
    partner.get_by_role("link", name="Renewal Requests").click()
    violations += serious_violations(partner, "/partner/assets/renewal-requests/")
    row = partner.get_by_role("row").filter(has_text=f"{request.pk}").filter(has_text="Requested")
    row.get_by_role("link", name=str(request.pk)).click()
    expect(partner.get_by_text("PO 2026-118, contact the NOC.")).to_be_visible()
    violations += serious_violations(partner, partner.url)
    partner.get_by_label("Quote").fill("EUR 420 for both units, one year.")
    partner.get_by_role("button", name="Send Quote").click()
    expect(partner.get_by_role("status")).to_contain_text("Your quote was sent.")
    for n, unit in enumerate(units, start=2):  # FCRENEW0001 is the demo request's to take
        field = partner.get_by_label(f"Contract Registration Code for {unit.serial_number}")
        field.fill(f"FCRENEW{n:04d}")
    partner.get_by_role("button", name="Complete").click()
    expect(partner.get_by_role("status")).to_contain_text("The request is completed")

    owner.goto(f"{ACCOUNT}/assets/renewal-notice/requests/{request.pk}/")
    expect(owner.locator("dl.facts")).to_contain_text("Completed")
    expect(owner.get_by_text("EUR 420 for both units, one year.")).to_be_visible()
    for unit in units:
        fresh = Asset.objects.get(pk=unit.pk)
        assert fresh.coverage_ends_on > unit.coverage_ends_on
        owner.goto(f"{ACCOUNT}/assets/units/{unit.pk}/")
        days = fresh.days_to_expiration()
        assert re.fullmatch(r"3[0-9]{2} days", days), days
        expect(owner.locator("main")).to_contain_text(days)
    assert violations == []
    assert owner.csp_violations == [] and partner.csp_violations == []
