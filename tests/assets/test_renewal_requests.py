"""Online renewal (seed 001: "View and renew eligible units for online renewals", Admin): the
customer asks from the Renewal Notice, the connected partner (or Fortinet staff) quotes and
completes with contract codes, the units' coverage follows. Mail through a real SMTP server."""

import datetime

import pytest
from django.utils import timezone

from assets.models import Asset, ContractCode, RenewalRequest
from iam.models import AuditEvent
from tests.conftest import page_queries
from tests.exports import csv_rows, export_of
from tests.factories import AccountFactory, IamUserFactory, ProfileFactory
from tests.mail import deliver

from .conftest import make_asset

pytestmark = pytest.mark.django_db
NOC = "renewals@reseller.test"


@pytest.fixture
def units(world):
    """Two eligible units of A (ending in 20 days, ended 10 days ago) and two that are not."""
    return {
        "soon": make_asset(world.account_a, ends_in=20),
        "ended": make_asset(world.account_a, ends_in=-10),
        "later": make_asset(world.account_a, ends_in=200),
        "never": make_asset(world.account_a),
    }


@pytest.fixture
def noc(world):
    world.role_a.notification_email = NOC
    world.role_a.save()
    world.partner.account = AccountFactory(company_name="Reseller One HQ")
    world.partner.save()
    return NOC


def base(world):
    return f"/a/{world.account_a.pk}/assets/renewal-notice"


def renew(client, post, world, *assets, term=1, note=""):
    client.force_login(world.owner_a)
    ids = [asset.pk for asset in assets]
    return post(f"{base(world)}/renew/", {"units": ids, "term_years": term, "note": note})


def code(text, months=12):
    return ContractCode.objects.create(code=text, service="forticare", months=months)


def test_the_owner_renews_two_units_and_the_partner_is_told(client, post, world, units, noc, smtp):
    client.force_login(world.owner_a)
    notice = client.get(f"{base(world)}/")
    text = notice.content.decode()
    assert f'value="{units["soon"].pk}"' in text and f'value="{units["ended"].pk}"' in text
    assert f'value="{units["later"].pk}"' not in text  # not eligible: not listed

    page = client.get(f"{base(world)}/renew/?units={units['soon'].pk}&units={units['ended'].pk}")
    assert page.status_code == 200 and units["soon"].serial_number in page.content.decode()
    response = renew(client, post, world, units["soon"], units["ended"], term=3, note="PO 4711")
    request = RenewalRequest.objects.get()
    assert response.status_code == 303
    assert response.url == f"{base(world)}/requests/{request.pk}/"
    assert (request.status, request.term_years, request.partner) == ("requested", 3, world.partner)
    assert {u.asset_id for u in request.units.all()} == {units["soon"].pk, units["ended"].pk}
    assert f"In request {request.pk}" in client.get(f"{base(world)}/").content.decode()

    deliver()
    [mail] = smtp.to(NOC)
    assert mail["Subject"] == f"Renewal request {request.pk} from Alpha Corp"
    assert "PO 4711" in mail.get_content()
    assert f"/partner/assets/renewal-requests/{request.pk}/" in mail.get_content()
    logs = AuditEvent.objects.filter(action="renewal.request").values_list("account_id", flat=True)
    assert sorted(logs) == sorted([world.account_a.pk, world.partner.account_id])


@pytest.mark.parametrize("which", ["later", "never", "other account", "decommissioned"])
def test_a_unit_that_cannot_be_renewed_online_is_refused_and_nothing_is_asked(
    client, post, world, units, which
):
    if which == "other account":
        unit = make_asset(world.account_b, ends_in=20)
    elif which == "decommissioned":
        unit = make_asset(world.account_a, ends_in=20, decommissioned_at=timezone.now())
    else:
        unit = units[which]
    response = renew(client, post, world, units["soon"], unit)
    assert response.status_code == 200
    assert "cannot be renewed online" in response.content.decode()
    assert not RenewalRequest.objects.exists()


def test_a_unit_already_asked_for_is_refused_until_the_request_is_cancelled(
    client, post, world, units
):
    renew(client, post, world, units["soon"])
    first = RenewalRequest.objects.get()
    response = renew(client, post, world, units["soon"], units["ended"])
    assert response.status_code == 200 and RenewalRequest.objects.count() == 1
    assert f"(request {first.pk})" in response.content.decode()
    assert post(f"{base(world)}/requests/{first.pk}/cancel/").status_code == 303
    assert renew(client, post, world, units["soon"]).status_code == 303


def test_the_partner_quotes_and_completes_and_the_coverage_follows(
    client, post, world, units, noc, smtp
):
    renew(client, post, world, units["soon"], units["ended"])
    request = RenewalRequest.objects.get()
    client.force_login(world.partner_user)
    listing = client.get("/partner/assets/renewal-requests/").content.decode()
    assert f'href="/partner/assets/renewal-requests/{request.pk}/"' in listing
    url = f"/partner/assets/renewal-requests/{request.pk}"
    quote = post(f"{url}/quote/", {"quote": "EUR 900 for both; reply to accept."})
    assert quote.status_code == 303
    request.refresh_from_db()
    assert (request.status, request.quote) == ("quoted", "EUR 900 for both; reply to accept.")

    lines = {u.asset_id: u.pk for u in request.units.all()}
    code("RENEWSOON0001"), code("RENEWENDED001")
    done = post(
        f"{url}/complete/",
        {
            f"unit_{lines[units['soon'].pk]}": "renewsoon0001",
            f"unit_{lines[units['ended'].pk]}": "RENEWENDED001",
        },
    )
    assert done.status_code == 303
    request.refresh_from_db()
    assert request.status == "completed"
    today = timezone.localdate()
    soon, ended = (Asset.objects.get(pk=units[k].pk) for k in ("soon", "ended"))
    assert soon.coverage_ends_on == units["soon"].coverage_ends_on + datetime.timedelta(days=361)
    assert ended.coverage_ends_on == today + datetime.timedelta(days=360)
    assert ContractCode.objects.filter(redeemed_by__isnull=False).count() == 2

    deliver()
    subjects = [mail["Subject"] for mail in smtp.to(world.owner_a.email)]
    assert subjects == [
        f"Your renewal request {request.pk} has a quote",
        f"Your renewal request {request.pk} is completed",
    ]
    client.force_login(world.owner_a)
    page = client.get(f"{base(world)}/requests/{request.pk}/").content.decode()
    assert "Completed" in page and "RENEWSOON0001" in page


@pytest.mark.parametrize(
    "codes, message",
    [
        (("", "RENEWB"), "enter its contract registration code"),
        (("NOSUCHCODE", "RENEWB"), "is not valid"),
        (("RENEWA", "RENEWA"), "is given for another unit too"),
        (("RENEWA", "THREEYEARS"), "is for 36 months; this request asks for 1 year"),
        (("RENEWA", "USEDCODE"), "has already been registered"),
    ],
)
def test_a_bad_code_completes_nothing(client, post, world, units, codes, message):
    renew(client, post, world, units["soon"], units["ended"])
    request = RenewalRequest.objects.get()
    code("RENEWA"), code("RENEWB"), code("THREEYEARS", months=36)
    used = code("USEDCODE")
    used.redeemed_by = make_asset(world.account_b, ends_in=5).entitlements.get()
    used.save()
    lines = [u.pk for u in request.units.order_by("pk")]
    client.force_login(world.partner_user)
    data = {f"unit_{line}": text for line, text in zip(lines, codes, strict=True)}
    response = post(f"/partner/assets/renewal-requests/{request.pk}/complete/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    request.refresh_from_db()
    assert request.status == "requested"
    assert not ContractCode.objects.filter(code="RENEWA", redeemed_by__isnull=False).exists()


def test_without_a_partner_that_may_see_renewals_the_request_goes_to_fortinet(
    client, post, world, units
):
    no_renewals = ProfileFactory(
        account=world.account_a, asset_management=3, renewal_notice=0, asset_maintenance=2
    )
    world.role_a.permission_profile = no_renewals
    world.role_a.save()
    renew(client, post, world, units["soon"])
    request = RenewalRequest.objects.get()
    assert request.partner is None
    client.force_login(world.partner_user)
    assert client.get("/partner/assets/renewal-requests/").status_code == 200
    assert client.get(f"/partner/assets/renewal-requests/{request.pk}/").status_code == 404


def test_staff_complete_a_request_in_admin(client, post, world, units, admin_user):
    world.role_a.delete()
    renew(client, post, world, units["soon"])
    request = RenewalRequest.objects.get()
    code("STAFFCODE0001")
    client.force_login(admin_user)
    line = request.units.get().pk
    url = "/admin/assets/renewalrequest/"
    page = post(url, {"action": "complete", "_selected_action": [request.pk], "index": 0})
    assert page.status_code == 200 and f'name="unit_{line}"' in page.content.decode()
    body = {"action": "complete", "_selected_action": request.pk, "answer": "1"}
    assert post(url, {**body, f"unit_{line}": "NOPE"}).status_code == 200
    assert post(url, {**body, f"unit_{line}": "STAFFCODE0001"}).status_code == 302
    request.refresh_from_db()
    assert request.status == "completed"
    assert Asset.objects.get(pk=units["soon"].pk).coverage_ends_on > units["soon"].coverage_ends_on


def test_a_disabled_role_ends_the_partners_view_of_the_requests(client, post, world, units):
    renew(client, post, world, units["soon"])
    request = RenewalRequest.objects.get()
    code("LATECODE0001")
    world.role_a.status = "disabled"
    world.role_a.save()
    client.force_login(world.partner_user)
    url = f"/partner/assets/renewal-requests/{request.pk}/"
    listing = client.get("/partner/assets/renewal-requests/").content.decode()
    assert url not in listing  # no connected account left: the list is not there either
    assert client.get(url).status_code == 404
    line = request.units.get().pk
    assert post(f"{url}complete/", {f"unit_{line}": "LATECODE0001"}).status_code == 404
    assert RenewalRequest.objects.get().status == "requested"


def test_a_cancelled_request_cannot_be_completed(client, post, world, units, noc, smtp):
    renew(client, post, world, units["soon"])
    request = RenewalRequest.objects.get()
    assert post(f"{base(world)}/requests/{request.pk}/cancel/").status_code == 303
    deliver()
    assert smtp.to(NOC)[-1]["Subject"] == f"Alpha Corp cancelled renewal request {request.pk}"
    code("AFTERCANCEL1")
    client.force_login(world.partner_user)
    line = request.units.get().pk
    url = f"/partner/assets/renewal-requests/{request.pk}/complete/"
    response = post(url, {f"unit_{line}": "AFTERCANCEL1"})
    assert response.status_code == 400 and "cancelled already" in response.content.decode()


def test_read_write_is_not_enough_to_renew(client, post, world, units):
    profile = ProfileFactory(
        account=world.account_a, asset_management=2, renewal_notice=2, asset_maintenance=2
    )
    user = IamUserFactory(account=world.account_a, permission_profile=profile)
    client.force_login(user)
    notice = client.get(f"{base(world)}/").content.decode()
    assert units["soon"].serial_number in notice and 'name="units"' not in notice
    assert client.get(f"{base(world)}/renew/?units={units['soon'].pk}").status_code == 404
    assert post(f"{base(world)}/renew/", {"units": units["soon"].pk}).status_code == 404


def test_the_lists_run_as_many_queries_for_many_requests_as_for_one(client, post, world, noc):
    renew(client, post, world, make_asset(world.account_a, ends_in=10))
    urls = {
        world.owner_a: f"{base(world)}/requests/",
        world.partner_user: "/partner/assets/renewal-requests/",
    }
    one = {}
    for user, url in urls.items():
        client.force_login(user)
        one[user] = page_queries(client, url)
    for _ in range(6):
        renew(client, post, world, make_asset(world.account_a, ends_in=10))
    for user, url in urls.items():
        client.force_login(user)
        assert page_queries(client, url) == one[user]


def test_the_partner_exports_its_renewal_requests_as_the_list_shows_them(client, post, world):
    renew(client, post, world, make_asset(world.account_a, ends_in=20), term=3)
    renew(client, post, world, make_asset(world.account_a, ends_in=-3))
    client.force_login(world.partner_user)
    rows = csv_rows(export_of(client, "/partner/assets/renewal-requests/?status=requested"))
    assert rows[0] == [
        "REQUEST",
        "COMPANY",
        "STATUS",
        "UNITS",
        "TERM",
        "REQUESTED",
        "REQUESTED BY",
        "UPDATED",
    ]
    assert [row[1:5] for row in rows[1:]] == [
        ["Alpha Corp", "Requested", "1", "1 year"],
        ["Alpha Corp", "Requested", "1", "3 years"],
    ]
