"""The API docs page draws the OpenAPI contract with Swagger UI from our own static files,
under the portal's strict Content-Security-Policy."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_shows_the_api_without_a_csp_violation(page):
    expect = pytest.importorskip("playwright.sync_api").expect
    page.goto("/api/docs/")
    expect(page.get_by_role("heading", name="FortiCloud portal API")).to_be_visible()
    # The Product List's GET and Register's POST share the path.
    expect(page.get_by_text("/api/v1/assets/units/", exact=True)).to_have_count(2)
    expect(page.get_by_text("/api/v1/partner/forticare/bugs/", exact=True)).to_be_visible()
    assert page.csp_violations == []
