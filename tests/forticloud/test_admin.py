import pytest

from tests.factories import OwnerFactory, StaffFactory

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "/admin/iam/account/?q=alpha&status__exact=active&kind__exact=non_ou",
    "/admin/iam/user/?q=owner&kind__exact=owner&is_active__exact=1",
    "/admin/iam/partnerrole/?q=alpha&status__exact=active",
    "/admin/partners/partner/?q=reseller&status__exact=active",
]


@pytest.mark.parametrize("url", CHANGELISTS)
def test_staff_search_and_filter_every_model(world, client, url):
    client.force_login(StaffFactory())
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


def test_staff_add_users_with_validated_unique_emails(world, client, post):
    client.force_login(StaffFactory())
    data = {
        "kind": "owner",
        "email": world.owner_a.email.upper(),
        "account": world.account_b.pk,
        "usable_password": "true",
        "password1": "a-long-enough-password",
        "password2": "a-long-enough-password",
    }
    response = post("/admin/iam/user/add/", data)
    assert response.status_code == 200
    assert "A user with this email already exists." in response.text


def test_customers_and_partners_never_reach_django_admin(world, client):
    for user in (world.owner_a, world.partner_user, OwnerFactory()):
        client.force_login(user)
        response = client.get("/admin/iam/account/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_staff_disabling_a_user_ends_its_sessions_for_good(world, client, post):
    from django.test import Client

    victim = Client()
    victim.force_login(world.owner_a)
    assert victim.get(f"/a/{world.account_a.pk}/").status_code == 200
    client.force_login(StaffFactory())
    change = f"/admin/iam/user/{world.owner_a.pk}/change/"
    form = client.get(change).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data = {k: v for k, v in data.items() if k not in ("groups", "user_permissions")}
    assert post(change, data | {"is_active": ""}).status_code == 302
    assert post(change, data | {"is_active": "on"}).status_code == 302
    assert victim.get(f"/a/{world.account_a.pk}/").status_code == 302


def test_staff_delete_a_whole_account_with_everything_it_holds(world, client, post):
    """Folders in folders, units in them, tickets about the units, IAM users and groups on
    custom profiles and folders, a Partner role, an organization with a member: all go, and
    the member account is an account of no organization again. (An account with audit
    events stays: the log is read-only in admin, and Django refuses what it cannot delete.)"""
    from assets.models import Asset
    from forticare.models import Ticket
    from iam.models import Account, Organization, OrganizationalUnit, OrganizationMember
    from tests.assets.conftest import make_asset
    from tests.factories import (
        FolderFactory,
        GroupFactory,
        IamUserFactory,
        ProfileFactory,
        TicketFactory,
    )

    account = world.account_a
    parent = FolderFactory(account=account, name="Parent")
    child = FolderFactory(account=account, name="Child", parent=parent)
    unit = make_asset(account, folder=child, ends_in=10)
    TicketFactory(account=account, asset=unit)
    profile = ProfileFactory(account=account, asset_management=1)
    IamUserFactory(account=account, permission_profile=profile, scope_folder=child)
    GroupFactory(account=account, permission_profile=profile, scope_folder=parent)
    Account.objects.filter(pk=account.pk).update(kind=Account.Kind.ROOT)
    organization = Organization.objects.create(root=account, name="Alpha Group")
    unit_ou = OrganizationalUnit.objects.create(
        organization=organization, name="EMEA", path="/0/", depth=1
    )
    Account.objects.filter(pk=world.account_b.pk).update(kind=Account.Kind.MEMBER)
    OrganizationMember.objects.create(
        account=world.account_b, organization=organization, unit=unit_ou
    )
    client.force_login(StaffFactory())
    url = f"/admin/iam/account/{account.pk}/delete/"
    confirm = client.get(url)  # the admin's confirmation page, and its CSRF cookie
    assert "Are you sure" in confirm.text, "the admin finds something in the way"
    assert post(url, {"post": "yes"}).status_code == 302
    assert not Account.objects.filter(pk=account.pk).exists()
    assert not Asset.objects.filter(pk=unit.pk).exists()
    assert not Ticket.objects.filter(account_id=account.pk).exists()
    assert Account.objects.get(pk=world.account_b.pk).kind == Account.Kind.NON_OU


def test_staff_cannot_give_a_unit_a_serial_number_of_other_characters(world, client, post):
    """A serial number is letters and digits in the admin too: the Product List's search
    compares a text with other characters ("#421", "core switch") with descriptions only."""
    from tests.assets.conftest import make_asset

    unit = make_asset(world.account_a)
    client.force_login(StaffFactory())
    change = f"/admin/assets/asset/{unit.pk}/change/"
    page = client.get(change)
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data |= {
            management.add_prefix(name): field.initial for name, field in management.fields.items()
        }
        data |= {management.add_prefix(name): value for name, value in management.initial.items()}
    response = post(change, data | {"serial_number": "FGT60F-0001#2"})
    assert response.status_code == 200
    assert "A serial number is 10 to 20 letters and digits." in response.text
    unit.refresh_from_db()
    assert unit.serial_number.isalnum()
    assert post(change, data | {"serial_number": "fgt60f00000042 "}).status_code == 302
    unit.refresh_from_db()
    assert unit.serial_number == "FGT60F00000042"  # in capitals, as Register writes it
