"""axe-core on the main pages, as the owner, an IAM user and the partner (in a customer and
visiting as Partner): no serious or critical violation."""

import pytest
from django.core.management import call_command

from forticare.models import Bug
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = {"serious", "critical"}
ACCOUNT = "/a/1274099"
MISSING = "/no-such-page/"  # the portal's own 404 page

OWNER_PAGES = [
    "/accounts/",
    "/account/",
    f"{ACCOUNT}/",
    f"{ACCOUNT}/assets/",
    f"{ACCOUNT}/assets/my-assets/",
    f"{ACCOUNT}/assets/decommissioned/",
    f"{ACCOUNT}/assets/register/",
    f"{ACCOUNT}/forticare/",
    f"{ACCOUNT}/forticare/tickets/new/",
    f"{ACCOUNT}/forticare/resources/",
    f"{ACCOUNT}/iam/users/",
    f"{ACCOUNT}/iam/users/new/iam-user/",
    f"{ACCOUNT}/iam/users/new/api-user/",
    f"{ACCOUNT}/iam/users/new/partner-role/",
    f"{ACCOUNT}/iam/users/new/idp-role/",
    f"{ACCOUNT}/iam/identity-provider/",
    f"{ACCOUNT}/iam/audit-log/",
    f"{ACCOUNT}/iam/sub-users/",
    f"{ACCOUNT}/iam/sub-users/new/",
    f"{ACCOUNT}/iam/sub-user-migration/",
    f"{ACCOUNT}/organization/",
    f"{ACCOUNT}/organization/create/",
    f"{ACCOUNT}/exports/new/?list=assets:product_list&kind=csv",
]
IAM_USER_PAGES = [f"{ACCOUNT}/", f"{ACCOUNT}/assets/", f"{ACCOUNT}/forticare/"]
PARTNER_PAGES = [
    "/accounts/?tab=partner",
    f"{ACCOUNT}/",
    f"{ACCOUNT}/iam/users/",
    "/partner/",
    "/partner/assets/",
    "/partner/forticare/",
    "/partner/forticare/bug-tracker/",
    "/partner/forticare/tickets/new/",
    "/partner/forticare/product-lifecycle/",
    "/partner/forticare/bulletins/",
    "/partner/account/",
    "/partner/account/connected-accounts/",
    "/partner/account/connected-accounts/connect/",
    "/account/",
    "/no-such-page/",
]


def serious_violations(page, path):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    response = page.goto(path)
    assert response.status == (404 if path == MISSING else 200), path
    found = axe.run(page).response["violations"]
    return [
        f"{path}: {v['id']} ({v['impact']}) {v['help']}: "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:3])
        for v in found
        if v["impact"] in SERIOUS
    ]


def test_main_pages_have_no_serious_accessibility_violation(new_page, settings):
    call_command("seed_demo", force=True)
    violations = []

    owner = new_page()
    log_in(owner, "owner@demo.test", settings.DEMO_PASSWORD)
    for path in OWNER_PAGES:
        violations += serious_violations(owner, path)

    iam_user = new_page()
    iam_user.goto("/login/iam/")
    iam_user.get_by_label("Account ID/Alias").fill("1274099")
    iam_user.get_by_label("Username").fill("iam-user")
    iam_user.get_by_label("Password").fill(settings.DEMO_PASSWORD)
    iam_user.get_by_role("button", name="Log In").click()
    iam_user.wait_for_url(f"**{ACCOUNT}/")
    for path in IAM_USER_PAGES:
        violations += serious_violations(iam_user, path)

    partner = new_page()
    log_in(partner, "partner@demo.test", settings.DEMO_PASSWORD)
    a_bug = Bug.objects.order_by("number").first()
    for path in [*PARTNER_PAGES, f"/partner/forticare/bug-tracker/{a_bug.number}/"]:
        violations += serious_violations(partner, path)

    master = new_page()  # of the partner's own account: its asset groups
    log_in(master, "owner-1192709@demo.test", settings.DEMO_PASSWORD)
    for path in ["/a/1192709/iam/asset-groups/", "/a/1192709/iam/asset-groups/product-groups/new/"]:
        violations += serious_violations(master, path)

    anonymous = new_page()
    violations += serious_violations(anonymous, "/login/")
    violations += serious_violations(anonymous, "/login/iam/")
    violations += serious_violations(anonymous, "/login/idp/")
    assert violations == []
