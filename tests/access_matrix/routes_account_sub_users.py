"""Route table rows of the master user's legacy sub users: My Account > Manage User and IAM >
Sub User Migration, under ``/a/<account id>/iam/``. Only account A's master user (the owner
in its own account) is entitled; everyone else finds nothing (404)."""

from functools import partial

from tests.factories import PASSWORD

from .answers import NOT_FOUND, refused
from .route_kinds import Route, action, form, page, pk

master_page = partial(page, master_only=True)
master_form = partial(form, master_only=True)


def sub_user_data(w, o):
    return {
        "email": "matrix-new-sub@alpha.test",
        "full_name": "New Sub",
        "legacy_access": "limited",
        "password": PASSWORD,
        "password_confirm": PASSWORD,
        "units": [w.asset_in.pk],
    }


SUB_TARGET = {"kwargs": pk("sub_target")}

ACCOUNT_SUB_USERS = [
    master_page("account:iam:sub_users"),
    master_form("account:iam:sub_user_create", data=sub_user_data),
    master_form(
        "account:iam:sub_user_edit",
        data=lambda w, o: {**sub_user_data(w, o), "email": w.sub_target.email, "password": ""},
        **SUB_TARGET,
    ),
    master_form("account:iam:sub_user_disable", **SUB_TARGET),
    action("account:iam:sub_user_enable", master_only=True, **SUB_TARGET),
    master_form("account:iam:sub_user_delete", **SUB_TARGET),
    Route(
        "account:iam:sub_user_migration",
        post=303,
        master_only=True,
        data=lambda w, o: {"users": [w.sub_target.pk]},
        note="the trial and proof on GET; Migrate Selected on POST",
    ),
]


# Asset groups exist in a Partner's own account only: account A's master user finds none
# (tests/sub_users/test_asset_groups.py works in a Partner's account).
def _not_partner(twin=None):
    why = "asset groups are in a Partner's own account only"
    return {"owner": refused(NOT_FOUND, twin=twin, why=why)}


def _group_rows(prefix, sample, data):
    target = {"kwargs": pk(sample), "overrides": _not_partner("object")}
    return [
        master_form(f"account:iam:{prefix}_create", data=data, overrides=_not_partner()),
        master_form(f"account:iam:{prefix}_edit", data=data, **target),
        master_form(f"account:iam:{prefix}_delete", **target),
    ]


ACCOUNT_SUB_USERS += [
    master_form(
        "account:iam:asset_groups", data=lambda w, o: {"enabled": "on"}, overrides=_not_partner()
    ),
    *_group_rows(
        "asset_user_group",
        "asset_user_group",
        lambda w, o: {"name": "Matrix team", "members": [w.sub_limited.pk]},
    ),
    *_group_rows(
        "product_group",
        "product_group",
        lambda w, o: {"name": "Matrix products", "units": [w.asset_in.pk]},
    ),
]
