"""Steps of the Users page tests (``test_users_page_*.py``): IAM URLs and a new user's form."""

from iam.models import PermissionProfile
from tests.factories import builtin_profile

NEW_PASSWORD = "another-long-password-7"


def url(account, path=""):
    return f"/a/{account.pk}/iam/{path}"


def new_user_data(**overrides):
    data = {
        "username": "alice",
        "description": "Help desk",
        "password": NEW_PASSWORD,
        "password_confirm": NEW_PASSWORD,
        "permission_profile": builtin_profile(PermissionProfile.Builtin.SYSADMIN).pk,
    }
    return data | overrides
