"""My Account > Manage User (seed 001): the master user's Current Users and its sub users."""

import pytest

from iam.models import AuditEvent, User
from iam.permissions import Level
from tests.factories import PASSWORD, IamUserFactory, ProfileFactory

from .conftest import sub_user

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a long new passphrase 42"


def url(world, path=""):
    return f"/a/{world.account_a.pk}/iam/sub-users/{path}"


def new_user(units=(), **fields):
    return {
        "email": "Casey@Alpha.test",
        "full_name": "Casey Jones",
        "legacy_access": "limited",
        "password": NEW_PASSWORD,
        "password_confirm": NEW_PASSWORD,
        "units": [unit.pk for unit in units],
        **fields,
    }


def test_master_adds_a_limited_sub_user_with_two_units(world, admin_a, post, units):
    response = post(url(world, "new/"), new_user([units["east"], units["west"]]))
    assert response.status_code == 303
    user = User.objects.get(kind=User.Kind.SUB, email__iexact="casey@alpha.test")
    assert set(user.assigned_units.all()) == {units["east"], units["west"]}
    assert user.legacy_access == "limited" and user.account == world.account_a
    event = AuditEvent.objects.get(action="sub_user.create")
    # By id: a serial number is not for every reader of the log (a folder-scoped IAM user).
    assert event.changes["after"]["unit ids"] == ", ".join(
        str(pk) for pk in sorted([units["east"].pk, units["west"].pk])
    )


def test_current_users_lists_the_sub_users(world, admin_a, client, limited, full):
    page = client.get(url(world))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Current Users" in text
    assert "limited@alpha.test" in text and "full@alpha.test" in text
    assert "Limited Access: 3 units" in text
    searched = client.get(url(world), {"q": "full@"}).content.decode()
    assert "full@alpha.test" in searched and "limited@alpha.test" not in searched


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"email": "owner-a-taken"}, "A user with this email already exists."),
        ({"units": []}, "Choose the units this Limited Access user may see."),
        ({"password_confirm": "something else entirely"}, "The two passwords do not match."),
        ({"legacy_access": "everything"}, "Select a valid choice."),
    ],
)
def test_bad_input_changes_nothing_and_says_why(world, admin_a, post, units, fields, error):
    if fields.get("email") == "owner-a-taken":
        fields = {"email": world.owner_a.email.upper()}
    data = new_user([units["east"]]) | fields
    response = post(url(world, "new/"), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not User.objects.filter(kind=User.Kind.SUB).exists()


def test_units_of_another_account_are_not_a_choice(world, admin_a, post, units):
    response = post(url(world, "new/"), new_user([units["east"], units["of_b"]]))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(kind=User.Kind.SUB).exists()


def test_the_unit_picker_searches_the_account_and_keeps_the_chosen(world, admin_a, client, units):
    picker = client.get(
        url(world, "new/"),
        {"units_q": "FGT", "units": [units["east"].pk, "x", "99999999999999999999"]},
        HTTP_HX_REQUEST="true",
    )
    assert picker.status_code == 200
    text = picker.content.decode()
    assert text.lstrip().startswith('<div id="units-picker"')
    chosen, matches = text.split("Matching units")
    assert units["east"].serial_number in chosen
    assert units["east"].serial_number not in matches
    assert units["west"].serial_number in matches
    assert units["of_b"].serial_number not in text


def test_edit_turns_limited_into_full_and_back(world, admin_a, post, client, units, limited):
    data = new_user(email=limited.email, legacy_access="full", password="", password_confirm="")
    assert post(url(world, f"{limited.pk}/edit/"), data).status_code == 303
    limited.refresh_from_db()
    assert limited.legacy_access == "full" and not limited.assigned_units.exists()
    page = client.get(url(world, f"{limited.pk}/edit/")).content.decode()
    assert "Edit Sub User limited@alpha.test" in page


def test_disable_ends_the_sessions_and_delete_removes(world, admin_a, post, client, limited):
    from django.test import Client

    other = Client()
    other.post("/login/", {"email": limited.email, "password": PASSWORD})
    home = f"/a/{world.account_a.pk}/assets/"
    assert other.get(home).status_code == 200
    confirm = client.get(url(world, f"{limited.pk}/disable/"))
    assert "Confirm To Disable User" in confirm.content.decode()
    assert post(url(world, f"{limited.pk}/disable/")).status_code == 303
    assert other.get(home).status_code == 302  # to the login page
    assert post(url(world, f"{limited.pk}/enable/")).status_code == 303
    limited.refresh_from_db()
    assert limited.is_active
    assert post(url(world, f"{limited.pk}/delete/")).status_code == 303
    assert not User.objects.filter(pk=limited.pk).exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"sub_user.disable", "sub_user.enable", "sub_user.delete"} <= actions


def test_only_the_master_user_manages_sub_users(world, client, post, limited):
    sysadmin = ProfileFactory(
        account=world.account_a, iam=Level.ADMIN, asset_management=Level.ADMIN
    )
    iam_admin = IamUserFactory(account=world.account_a, permission_profile=sysadmin)
    client.force_login(iam_admin)
    for path in ("", "new/", f"{limited.pk}/edit/", f"{limited.pk}/delete/"):
        assert client.get(url(world, path)).status_code == 404
    assert post(url(world, f"{limited.pk}/delete/")).status_code == 404
    assert User.objects.filter(pk=limited.pk).exists()
    # The owner of another account finds nothing either, and its own list is empty.
    client.force_login(world.owner_b)
    assert client.get(url(world)).status_code == 404
    own = client.get(f"/a/{world.account_b.pk}/iam/sub-users/{limited.pk}/edit/")
    assert own.status_code == 404


def test_a_sub_user_of_another_account_is_a_missing_id(world, admin_a, client, post):
    elsewhere = sub_user(world.account_b, "b-sub@bravo.test", "full")
    assert client.get(url(world, f"{elsewhere.pk}/edit/")).status_code == 404
    assert post(url(world, f"{elsewhere.pk}/delete/")).status_code == 404
    assert User.objects.filter(pk=elsewhere.pk).exists()
