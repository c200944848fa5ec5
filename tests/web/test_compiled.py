"""Queries compiled once (forticloud/web/compiled.py) answer as the ORM does, for every id and
on every day."""

import datetime

import pytest
from django.utils import timezone

from iam.models import PartnerRole
from iam.partner_reach import has_live_roles, live_roles, role_scopes
from tests.factories import FolderFactory, PartnerFactory, PartnerRoleFactory

pytestmark = pytest.mark.django_db


def test_each_partner_gets_its_own_rows(world):
    folder = FolderFactory(account=world.account_a, name="Scoped")
    PartnerRole.objects.filter(pk=world.role_a.pk).update(scope_folder=folder)
    other = PartnerFactory()
    PartnerRoleFactory(account=world.account_b, partner=other, scope_folder=None)
    mine = role_scopes(world.partner.pk)
    assert [(s.account_id, s.path) for s in mine] == [(world.account_a.pk, folder.path)]
    assert role_scopes(other.pk) == ()  # the same SQL, the other id
    assert has_live_roles(other.pk)
    assert has_live_roles(world.partner.pk) is live_roles(world.partner.pk).exists() is True


def test_a_new_day_compiles_again(world, monkeypatch):
    today = timezone.localdate()
    PartnerRole.objects.filter(partner=world.partner).update(ends_on=today)  # its last day
    assert has_live_roles(world.partner.pk)
    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert not live_roles(world.partner.pk).exists()
    assert not has_live_roles(world.partner.pk)
