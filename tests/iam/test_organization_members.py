"""Member accounts (seed 002): the root invites an existing account with a token shown once;
only that account's owner accepts it, once; the root moves and removes members. Membership
changes are audited in both accounts; an account is in at most one organization."""

import re
import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from iam.access import access_for_account
from iam.models import Account, AuditEvent, MemberInvitation, Organization, OrganizationMember
from iam.services.members import member_accept
from iam.services.tokens import token_hash
from tests.factories import AccountFactory, IamUserFactory, OwnerFactory

from .test_organizations import add_ou, org_url, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(world, client, post):
    client.force_login(world.owner_a)
    post(org_url(world.account_a, "create/"), {"name": "Alpha Group"})
    add_ou(post, world.account_a, "EMEA")
    add_ou(post, world.account_a, "APAC")
    return world.account_a


def invite(client, post, root, account, ou=None):
    """Invite ``account`` as root's owner; the token from the page that shows it once."""
    client.force_login(root.users.get(kind="owner"))
    response = post(
        org_url(root, "members/invite/"), {"account_id": account.pk, "unit": ou.pk if ou else ""}
    )
    assert response.status_code == 303, response.content
    page = client.get(response["Location"])
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]
    return re.search(r'id="invitation-token" value="([^"]+)"', page.text).group(1), response


def join(client, post, owner, token, acknowledge=True):
    client.force_login(owner)
    data = {"token": token, "acknowledge": "on" if acknowledge else ""}
    return post(org_url(owner.account, "join/"), data)


def test_an_invited_account_joins_once_with_the_token_its_owner_enters(root, world, client, post):
    token, invited = invite(client, post, root, world.account_b, unit("EMEA"))
    assert token.startswith("fcou_")
    assert MemberInvitation.objects.get().token_hash == token_hash(token)
    again = client.get(invited["Location"])
    assert token not in again.text and "shown once" in again.text  # a reload shows nothing
    assert "Tick the acknowledgement" in join(client, post, world.owner_b, token, False).text
    assert join(client, post, world.owner_b, token).status_code == 303
    member = OrganizationMember.objects.get(account=world.account_b)
    assert member.unit == unit("EMEA") and member.organization.root == root
    account = Account.objects.get(pk=world.account_b.pk)
    assert account.kind == Account.Kind.MEMBER and account.iam_mode == "Advanced"
    page = client.get(org_url(world.account_b))
    assert "<dt>Member of</dt><dd>Alpha Group, OU EMEA</dd>" in page.text
    for account_id in (root.pk, world.account_b.pk):
        assert AuditEvent.objects.filter(
            account_id=account_id, action="organization.member_join"
        ).exists()
    # Single use; and a member account joins nothing else.
    again = join(client, post, world.owner_b, token)
    assert "Only the owner of an account outside any organization" in again.text
    assert OrganizationMember.objects.count() == 1


def test_a_token_works_only_for_its_account_its_owner_and_in_time(root, world, client, post):
    token, _ = invite(client, post, root, world.account_b)
    stranger = world.stranger
    assert "not valid for this account" in join(client, post, stranger, token).text
    iam_admin = IamUserFactory(account=world.account_b)
    client.force_login(iam_admin)
    assert client.get(org_url(world.account_b, "join/")).status_code == 404  # no portal
    MemberInvitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert "not valid for this account" in join(client, post, world.owner_b, token).text
    assert not OrganizationMember.objects.exists()


def test_only_an_account_outside_any_organization_can_be_invited(root, world, client, post):
    client.force_login(world.owner_a)
    suspended = AccountFactory(status=Account.Status.SUSPENDED)
    for account_id in (root.pk, suspended.pk, 987654321, "12x"):
        response = post(org_url(root, "members/invite/"), {"account_id": account_id, "unit": ""})
        assert response.status_code == 200
        assert "cannot be invited" in response.text or "An Account ID is a number" in response.text
    assert not MemberInvitation.objects.exists()


def test_the_root_moves_and_removes_members_and_cancels_invitations(root, world, client, post):
    token, _ = invite(client, post, root, world.account_b, unit("EMEA"))
    join(client, post, world.owner_b, token)
    member = OrganizationMember.objects.get()
    client.force_login(world.owner_a)
    assert "Bravo Ltd" in client.get(org_url(root)).text
    post(org_url(root, f"members/{member.pk}/move/"), {"unit": unit("APAC").pk})
    assert OrganizationMember.objects.get().unit == unit("APAC")
    delete = post(org_url(root, f"units/{unit('APAC').pk}/delete/"))
    assert "Only an empty OU" in client.get(delete["Location"]).text  # it holds a member
    post(org_url(root, f"members/{member.pk}/remove/"))
    assert not OrganizationMember.objects.exists()
    assert Account.objects.get(pk=world.account_b.pk).kind == Account.Kind.NON_OU
    actions = AuditEvent.objects.filter(account=world.account_b).values_list("action", flat=True)
    assert {"organization.member_move", "organization.member_remove"} <= set(actions)
    # An invitation cancelled stops working.
    token, _ = invite(client, post, root, world.account_b)
    invitation = MemberInvitation.objects.get(accepted_at__isnull=True)
    client.force_login(world.owner_a)
    post(org_url(root, f"members/invitations/{invitation.pk}/cancel/"))
    assert "not valid for this account" in join(client, post, world.owner_b, token).text


def test_members_of_another_organization_are_a_404(root, world, client, post):
    other = OwnerFactory(account=AccountFactory(company_name="Other Root"))
    client.force_login(other)
    post(org_url(other.account, "create/"), {"name": "Other Group"})
    token, _ = invite(client, post, other.account, world.account_b)
    join(client, post, world.owner_b, token)
    theirs = OrganizationMember.objects.get()
    client.force_login(world.owner_a)
    assert client.get(org_url(root, f"members/{theirs.pk}/move/")).status_code == 404
    assert post(org_url(root, f"members/{theirs.pk}/remove/")).status_code == 404
    assert OrganizationMember.objects.filter(pk=theirs.pk).exists()


def _tokens_for(account, count):
    """``count`` organizations, each inviting ``account``: their tokens."""
    from iam.services.members import member_invite
    from iam.services.organizations import organization_create

    tokens = []
    for n in range(count):
        owner = OwnerFactory(account=AccountFactory(company_name=f"Root {n}"))
        organization_create(access=access_for_account(owner, owner.account_id), name=f"Org {n}")
        owner.account.refresh_from_db()
        access = access_for_account(owner, owner.account_id)
        tokens.append(member_invite(access=access, account_id=account.pk)[1])
    return tokens


def test_twenty_invitations_accepted_at_once_make_one_membership(transactional_db):
    owner = OwnerFactory()
    tokens = _tokens_for(owner.account, 20)
    barrier = threading.Barrier(len(tokens))
    outcomes = []

    def accept(token):
        try:
            barrier.wait()
            access = access_for_account(owner, owner.account_id)
            member_accept(access=access, token=token)
            outcomes.append("joined")
        except ValidationError:
            outcomes.append("refused")
        except Exception as error:  # any server error fails the test below
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["joined"] + ["refused"] * 19
    assert OrganizationMember.objects.filter(account=owner.account).count() == 1
    assert Organization.objects.count() == 20


def test_a_deleted_root_account_leaves_its_members_outside_any_organization(
    root, world, client, post
):
    token, _ = invite(client, post, root, world.account_b, unit("EMEA"))
    join(client, post, world.owner_b, token)
    Account.objects.get(pk=root.pk).delete()  # staff, in admin
    assert not OrganizationMember.objects.exists()
    assert Account.objects.get(pk=world.account_b.pk).kind == Account.Kind.NON_OU


def test_the_root_creates_a_member_account_whose_owner_sets_a_password_once(
    root, world, client, post
):
    client.force_login(world.owner_a)
    data = {
        "company_name": "Newco",
        "owner_email": "Boss@Newco.test",
        "owner_name": "Nora New",
        "unit": unit("EMEA").pk,
    }
    created = post(org_url(root, "members/new/"), data)
    assert created.status_code == 303
    page = client.get(created["Location"])
    assert "no-store" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    link = re.search(r'id="activation-link" value="([^"]+)"', page.text).group(1)
    assert "shown once" in client.get(created["Location"]).text  # a reload shows nothing
    member = OrganizationMember.objects.get(account__company_name="Newco")
    assert member.unit == unit("EMEA") and member.account.kind == Account.Kind.MEMBER
    owner = member.account.users.get(kind="owner")
    assert owner.email == "boss@newco.test" and not owner.has_usable_password()
    assert {"organization.member_create"} <= set(
        AuditEvent.objects.filter(account=member.account).values_list("action", flat=True)
    )
    # The new owner, logged out, follows the link and sets a password.
    client.logout()
    form = client.get(link, follow=True)
    assert "Set Your Password" in form.text and "new_password1" in form.text
    new = "a-long-and-new-password"
    done = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {
            "new_password1": new,
            "new_password2": new,
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        },
    )
    assert done.status_code == 302
    assert (
        client.post(
            "/login/",
            {
                "email": "boss@newco.test",
                "password": new,
                "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
            },
        ).status_code
        == 303
    )
    client.logout()
    assert "not valid" in client.get(link, follow=True).text  # once only


def test_a_new_member_account_needs_a_new_email_and_a_company(root, world, client, post):
    client.force_login(world.owner_a)
    for data in (
        {"company_name": "Dup", "owner_email": world.owner_b.email, "unit": ""},
        {"company_name": " ", "owner_email": "x@y.test", "unit": ""},
        {"company_name": "Bad", "owner_email": "not-an-email", "unit": "٣"},
    ):
        response = post(org_url(root, "members/new/"), data)
        assert response.status_code == 200 and 'role="alert"' in response.text
    assert not OrganizationMember.objects.exists()


def test_an_email_too_long_for_a_login_is_a_form_error(root, world, client, post):
    client.force_login(world.owner_a)
    data = {"company_name": "Longco", "owner_email": "a" * 250 + "@x.test", "unit": ""}
    response = post(org_url(root, "members/new/"), data)
    assert response.status_code == 200 and 'role="alert"' in response.text
    assert not Account.objects.filter(company_name="Longco").exists()


def test_the_member_list_pages_and_costs_the_same_queries_with_more_members(root, client):
    from tests.conftest import page_queries

    organization = root.organization

    def add_members(count):
        for _ in range(count):
            account = AccountFactory(kind=Account.Kind.MEMBER)
            OrganizationMember.objects.create(
                account=account, organization=organization, unit=unit("EMEA")
            )

    add_members(3)
    few = page_queries(client, org_url(root))
    add_members(60)
    assert page_queries(client, org_url(root)) == few
    page = client.get(org_url(root))
    assert "Page 1 of 2 · 63 in all" in page.text
    assert client.get(org_url(root, "?page=2")).text.count('<td class="actions">') == 13
    assert client.get(org_url(root, "?page=%00")).status_code == 200
