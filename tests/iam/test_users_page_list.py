"""The Users page per account: the list, and who may see and change its users."""

import pytest

from iam.access import access_for_account
from iam.models import AuditEvent, ExternalIdpRole, PartnerRole, User
from iam.permissions import Level, Portal
from iam.selectors.principals import changeable_principals, principal_list
from tests.conftest import page_queries
from tests.factories import (
    PASSWORD,
    IamUserFactory,
    PartnerFactory,
    PartnerRoleFactory,
    ProfileFactory,
)

from .users_page_helpers import new_user_data, url

pytestmark = pytest.mark.django_db


def titles(response):
    return [row["title"] for row in response.context["page"]]


# The list


def test_the_users_page_lists_every_principal_of_the_account(world, admin_a, client):
    IamUserFactory(account=world.account_b, username="not-mine")
    response = client.get(url(world.account_a, "users/"))
    html = response.content.decode()
    for column in ["USERNAME/ROLE/ID", "DESCRIPTION", "TYPE", "PERMISSION PROFILE"]:
        assert column in html
    assert "PERMISSION SCOPE" in html and "STATUS" in html and "ACTION" in html
    assert sorted(titles(response)) == sorted([world.iam_a.username, "Reseller access"])
    types = {row["title"]: row["type_label"] for row in response.context["page"]}
    assert types["Reseller access"] == "Partner Role"
    assert types[world.iam_a.username] == "IAM User"


def test_search_filter_and_sort(world, admin_a, client):
    IamUserFactory(account=world.account_a, username="zed", description="night shift")
    IamUserFactory(account=world.account_a, username="bob", is_active=False)
    base = url(world.account_a, "users/")
    assert titles(client.get(base + "?q=night")) == ["zed"]
    assert titles(client.get(base + "?status=disabled")) == ["bob"]
    assert titles(client.get(base + "?type=partner_role")) == ["Reseller access"]
    names = titles(client.get(base + "?type=iam&sort=-name"))
    assert names == sorted(names, reverse=True) and len(names) == 3


def test_pagination_and_htmx_partial(world, admin_a, client):
    for n in range(30):
        IamUserFactory(account=world.account_a, username=f"user{n:02d}")
    base = url(world.account_a, "users/")
    assert len(titles(client.get(base))) == 25
    assert len(titles(client.get(base + "?page=2"))) == 7
    partial = client.get(
        base + "?q=user0", headers={"HX-Request": "true", "HX-Target": "user-table"}
    )
    html = partial.content.decode()
    assert html.lstrip().startswith('<div id="user-table">') and "<html" not in html


def test_the_users_page_query_count_does_not_grow(
    world, admin_a, client, django_assert_max_num_queries
):
    path = url(world.account_a, "users/")
    for _ in range(25):  # more than a page: the rows are counted (a single page is not)
        IamUserFactory(account=world.account_a, user_group=None)
    few = page_queries(client, path)
    for _ in range(40):
        IamUserFactory(account=world.account_a, user_group=None)
    with django_assert_max_num_queries(few):
        assert client.get(path).status_code == 200


def test_a_single_page_is_read_without_counting_its_rows(world, admin_a, client):
    path = url(world.account_a, "users/")
    for n in range(23):  # with the account's own two, 25 rows: one full page
        IamUserFactory(account=world.account_a, username=f"user{n:02d}")
    one_page = page_queries(client, path)
    response = client.get(path)
    assert len(titles(response)) == 25 and "25 in all" in response.content.decode()
    IamUserFactory(account=world.account_a, username="user99")
    assert page_queries(client, path) == one_page + 1  # two pages: the rows are counted
    response = client.get(path)
    assert len(titles(response)) == 25 and "Page 1 of 2 · 26 in all" in response.content.decode()
    assert len(titles(client.get(path + "?page=2"))) == 1


def _principal_names(account):
    users = User.objects.filter(account=account, kind__in=[User.Kind.IAM, User.Kind.API])
    roles = PartnerRole.objects.filter(account=account)
    idp_roles = ExternalIdpRole.objects.filter(account=account)
    return {
        *users.values_list("username", flat=True),
        *roles.values_list("name", flat=True),
        *idp_roles.values_list("name", flat=True),
    }


def _every_title(client, path):
    """The titles of every page of the list at ``path`` (a URL with a query), in order."""
    shown, number = [], 1
    while True:
        response = client.get(f"{path}&page={number}")
        shown += titles(response)
        if not response.context["page"].has_next():
            return shown
        number += 1


def test_each_account_pages_through_its_own_principals(world, client):
    """The Users page's query is compiled once for every account (forticloud.web.compiled):
    A's owner, then B's, then A's again each page through their own principals, both ways,
    filtered, with the actions of their own rows only."""
    for n in range(26):
        IamUserFactory(account=world.account_a, username=f"a-user{n:02d}")
    for n in range(3):
        IamUserFactory(account=world.account_b, username=f"b-user{n}", is_active=n != 1)
    PartnerRoleFactory(account=world.account_b, partner=PartnerFactory(), name="B's partner")
    for account in (world.account_a, world.account_b):
        profile = ProfileFactory(account=account, iam=Level.READ_ONLY)
        ExternalIdpRole.objects.create(
            account=account, name=f"{account.company_name} IdP", permission_profile=profile
        )
    for account, owner in [(world.account_a, world.owner_a), (world.account_b, world.owner_b)] * 2:
        client.force_login(owner)
        path, names = url(account, "users/"), _principal_names(account)
        shown = _every_title(client, f"{path}?sort=name")
        assert sorted(shown) == sorted(names) and len(shown) == len(names)
        assert _every_title(client, f"{path}?sort=-name") == shown[::-1]
        changeable = client.get(path).context["changeable"]
        kinds = [("users", User), ("roles", PartnerRole), ("idp_roles", ExternalIdpRole)]
        for key, model in kinds:
            own = set(model.objects.filter(account=account).values_list("pk", flat=True))
            assert changeable[key] and changeable[key] <= own, key
        disabled = titles(client.get(f"{path}?type=iam&status=disabled"))
        assert disabled == (["b-user1"] if account == world.account_b else [])


def test_without_the_iam_portal_the_selectors_give_nothing(world):
    """The views ask for the IAM portal first; the selectors fail closed on their own too: an
    IAM user without a profile gets no principal, searched or not, and may change none."""
    access = access_for_account(world.iam_a, world.account_a.pk)
    assert not access.can(Portal.IAM)
    assert list(principal_list(access)) == []
    assert list(principal_list(access, q=world.iam_a.username)) == []
    shown = [
        {"principal": "user", "row_id": world.iam_a.pk},
        {"principal": "partner_role", "row_id": world.role_a.pk},
    ]
    nothing = {"users": set(), "roles": set(), "idp_roles": set()}
    assert changeable_principals(access, shown) == nothing


# Who may see and change


def test_read_only_iam_sees_but_cannot_change(world, client, post):
    viewer = IamUserFactory(
        account=world.account_a,
        permission_profile=ProfileFactory(account=world.account_a, iam=Level.READ_ONLY),
    )
    client.force_login(viewer)
    page = client.get(url(world.account_a, "users/"))
    assert page.status_code == 200
    assert "Add New" not in page.content.decode()
    assert client.get(url(world.account_a, "users/new/iam-user/")).status_code == 404
    assert post(url(world.account_a, "users/new/iam-user/"), new_user_data()).status_code == 404
    disable = post(url(world.account_a, f"users/{world.iam_a.pk}/disable/"))
    assert disable.status_code == 404
    assert User.objects.get(pk=world.iam_a.pk).is_active


def test_users_without_iam_access_and_sub_users_never_reach_iam(world, client):
    client.force_login(world.iam_a)  # no profile
    assert client.get(url(world.account_a, "users/")).status_code == 404
    sub = User.objects.create_user(
        kind=User.Kind.SUB, email="sub@example.test", account=world.account_a, password=PASSWORD
    )
    sub.legacy_access = "full"
    sub.save()
    client.force_login(sub)
    assert client.get(url(world.account_a, "users/")).status_code == 404


def test_a_partner_with_iam_in_its_role_manages_the_customers_users(world, client, post):
    client.force_login(world.partner_user)
    assert client.get(url(world.account_a, "users/")).status_code == 200
    response = post(url(world.account_a, "users/new/iam-user/"), new_user_data())
    assert response.status_code == 303
    event = AuditEvent.objects.get(action="iam_user.create")
    assert 'Partner role "Reseller access"' in event.acting_as
    assert event.account == world.account_a


@pytest.mark.parametrize("action", ["edit/", "disable/", "delete/"])
def test_another_accounts_user_is_a_404_and_stays_unchanged(world, client, post, action):
    client.force_login(world.owner_b)
    target = url(world.account_b, f"users/{world.iam_a.pk}/{action}")
    assert client.get(target).status_code == 404
    assert post(target, new_user_data()).status_code == 404
    assert post(url(world.account_b, f"users/{world.iam_a.pk}/enable/")).status_code == 404
    world.iam_a.refresh_from_db()
    assert world.iam_a.is_active and world.iam_a.username != "alice"
    assert not AuditEvent.objects.exists()
