"""PRODUCT MODEL and COMPANY sort on keys stored on the asset rows (so an index serves them);
a renamed product model or account reaches its assets' keys through the worker."""

import pytest

from assets.models import Asset, ProductModel
from tests.exports import run_worker
from tests.factories import PartnerRoleFactory

pytestmark = pytest.mark.django_db


def serials(response):
    return [asset.serial_number for asset in response.context["page"].object_list]


def test_the_product_model_sort_follows_a_renamed_model(world, client, asset_factory):
    gate = asset_factory(world.account_a, model="FGT60F")
    switch = asset_factory(world.account_a, model="FS148F")
    gate_model = ProductModel.objects.get(code="FGT60F")
    client.force_login(world.owner_a)
    url = f"/a/{world.account_a.pk}/assets/?sort=model"
    assert serials(client.get(url)) == [gate.serial_number, switch.serial_number]

    gate_model.name = "ZZ Renamed Gate"
    gate_model.save()
    run_worker()
    assert Asset.objects.get(pk=gate.pk).product_model_name == "ZZ Renamed Gate"
    response = client.get(url)
    assert serials(response) == [switch.serial_number, gate.serial_number]
    assert "<td>ZZ Renamed Gate</td>" in response.content.decode()
    assert serials(client.get(url.replace("model", "-model"))) == [
        gate.serial_number,
        switch.serial_number,
    ]


def test_the_company_sort_follows_a_renamed_account(world, client, asset_factory):
    other = PartnerRoleFactory(partner=world.partner).account
    other.company_name = "Beta Systems"
    other.save()
    in_alpha = asset_factory(world.account_a)
    in_beta = asset_factory(other)
    client.force_login(world.partner_user)
    assert serials(client.get("/partner/assets/?sort=company")) == [
        in_alpha.serial_number,
        in_beta.serial_number,
    ]
    world.account_a.company_name = "Zulu Corp"
    world.account_a.save()
    run_worker()
    response = client.get("/partner/assets/?sort=company")
    assert serials(response) == [in_beta.serial_number, in_alpha.serial_number]
    assert "<td>Zulu Corp</td>" in response.content.decode()
    assert serials(client.get("/partner/assets/?company=zulu")) == [in_alpha.serial_number]


def test_saving_an_unrenamed_model_queues_nothing(world, asset_factory):
    from django_tasks_db.models import DBTaskResult

    asset_factory(world.account_a)
    model = ProductModel.objects.get(code="FGT60F")
    model.save()
    world.account_a.save()
    assert not DBTaskResult.objects.exists()
