import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max

from assets.models import Asset, Entitlement
from forticloud.devdata.scale import FIRST_ACCOUNT_ID
from iam.models import User
from iam.partner_access import access_for_partner_visit

pytestmark = pytest.mark.django_db


def generate(*extra):
    out = io.StringIO()
    args = ["--accounts", "5", "--assets", "300", "--entitlements", "600", "--tickets", "50"]
    args += ["--bugs", "40", *extra]
    call_command("generate_scale_data", *args, stdout=out)
    return out.getvalue()


def test_the_data_set_has_the_asked_sizes_and_is_reproducible():
    output = generate()
    assert "300/300" in output and "5 accounts" in output
    assert Asset.objects.filter(account_id__gte=FIRST_ACCOUNT_ID).count() == 300
    assert Entitlement.objects.count() == pytest.approx(600, rel=0.15)
    # Coverage matches the entitlements it is derived from.
    latest = dict(
        Entitlement.objects.values("asset").annotate(end=Max("ends_on")).values_list("asset", "end")
    )
    for asset in Asset.objects.filter(pk__in=latest):
        assert asset.coverage_ends_on == latest[asset.pk]
    # The sort keys are the names they copy.
    for asset in Asset.objects.select_related("product_model", "account"):
        assert asset.product_model_name == asset.product_model.name
        assert asset.company_name == asset.account.company_name
    first = list(Asset.objects.order_by("id").values_list("serial_number", "registered_on"))

    with pytest.raises(CommandError, match="--replace"):
        generate()
    generate("--replace")
    again = list(Asset.objects.order_by("id").values_list("serial_number", "registered_on"))
    assert again == first


def test_the_scale_partner_sees_every_generated_asset_and_ticket():
    from forticare.models import Bug, Ticket

    generate()
    partner = User.objects.get(email="partner0@scale.test")
    access = access_for_partner_visit(partner)
    assert Asset.objects.visible_to(access).count() == 300
    assert Ticket.objects.visible_to(access).count() == 50
    assert Bug.objects.count() == 40


def test_every_account_is_a_member_of_the_scale_organization_over_three_levels():
    from iam.access import access_for_context
    from iam.models import OrganizationalUnit, OrganizationMember

    generate("--accounts", "30")
    root = FIRST_ACCOUNT_ID + 30
    members = OrganizationMember.objects.filter(organization__root_id=root)
    assert members.count() == 30
    assert {member.unit.depth for member in members.select_related("unit")} == {3}
    assert OrganizationalUnit.objects.filter(organization__root_id=root).count() == 125
    owner = User.objects.get(email=f"owner{root}@scale.test")
    assert Asset.objects.visible_to(access_for_context(owner, f"o-{root}")).count() == 300
    admin = User.objects.get(account_id=root, username="ou-admin")
    in_view = Asset.objects.visible_to(access_for_context(admin, f"o-{root}"))
    region = admin.scope_units.get().path
    assert (
        0
        < in_view.count()
        == Asset.objects.filter(account__membership__unit__path__startswith=region).count()
        < 300
    )  # 20 sites of 100 in the first region: 20 of the 30 members
    generate("--accounts", "30", "--replace")  # the organization goes with the rest
    assert OrganizationMember.objects.filter(organization__root_id=root).count() == 30
