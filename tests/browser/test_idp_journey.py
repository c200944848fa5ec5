"""A person of the demo company logs in with their organization: the custom login page, the
company's own OpenID provider (a real one on loopback, its authorization form), the jump page
with two roles, the Dashboard naming the role, and Switch Role."""

import oidc_provider_mock
import pytest
from django.core.management import call_command

from tests.idp.conftest import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def provider_url():
    with oidc_provider_mock.run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


def test_a_person_with_two_roles_chooses_one_then_switches(page, settings, provider_url):
    expect = pytest.importorskip("playwright.sync_api").expect
    settings.DEMO_IDP_URL = provider_url
    call_command("seed_demo", force=True)
    person(provider_url, "sam@company-1274099.example", groups=["engineers", "support"])

    # The provider's own pages ask a CDN for their stylesheet; here there is no internet.
    page.route("https://cdn.jsdelivr.net/**", lambda route: route.fulfill(body="", status=200))
    page.goto("/login/")
    page.get_by_role("link", name="Log in with your organization").click()
    page.get_by_label("Account ID/Alias").fill("company-1274099")
    page.get_by_role("button", name="Continue to your organization").click()
    page.get_by_role("link", name="Continue to your organization").click()
    page.get_by_label("Subject").fill("sam@company-1274099.example")
    page.get_by_role("button", name="Authorize", exact=True).click()

    expect(page.get_by_role("heading", name="Choose a Role")).to_be_visible()
    page.get_by_role("button", name="Continue as Support").click()
    expect(page.locator("main")).to_contain_text("External IdP role Support")

    page.get_by_label("Profile menu").click()
    page.get_by_role("link", name="Switch Role").click()
    page.get_by_role("button", name="Continue as Engineers").click()
    expect(page.locator("main")).to_contain_text("External IdP role Engineers")
