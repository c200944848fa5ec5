"""The owner adds an API user: the secret shows once, the credentials file holds it, and a
client gets a token with it over real HTTP; after Disable the same client is refused."""

import base64
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.core.management import call_command

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def token_status(base_url, client_id, secret) -> int:
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    request = urllib.request.Request(
        f"{base_url}/oauth/token/",
        data=urllib.parse.urlencode({"grant_type": "client_credentials"}).encode(),
        headers={"Authorization": f"Basic {basic}"},
    )
    try:
        with urllib.request.urlopen(request) as response:
            assert json.load(response)["expires_in"] == 3600
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_owner_adds_an_api_user_downloads_its_credentials_and_disables_it(
    page, live_server, settings
):
    expect = pytest.importorskip("playwright.sync_api").expect
    call_command("seed_demo", force=True)
    log_in(page, "owner@demo.test", settings.DEMO_PASSWORD)
    page.goto("/a/1274099/iam/users/")
    page.get_by_text("Add New").click()
    page.get_by_role("link", name="API User").click()
    page.get_by_label("Name").fill("browser-sync")
    page.get_by_label("Permission Profile").select_option(label="SysAdmin")
    page.get_by_role("button", name="Add User").click()
    expect(page.get_by_role("heading", name="API User browser-sync")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download credentials").click()
    credentials = json.loads(open(download.value.path()).read())  # noqa: SIM115
    assert credentials["client_secret"] == page.get_by_label("Client secret").input_value()
    client_id, secret = credentials["client_id"], credentials["client_secret"]
    assert token_status(live_server.url, client_id, secret) == 200

    page.reload()
    expect(page.locator("main")).to_contain_text("shown once")
    expect(page.get_by_label("Client secret")).to_have_count(0)

    page.goto("/a/1274099/iam/users/?type=api")
    page.get_by_role("link", name="Disable browser-sync").click()
    dialog = page.get_by_role("dialog", name="Confirm To Disable User")
    dialog.get_by_role("button", name="Yes, I Want to Continue.").click()
    expect(page.get_by_role("row").filter(has_text="browser-sync")).to_contain_text("Disabled")
    assert token_status(live_server.url, client_id, secret) == 401
