"""The API keeps its OpenAPI contract: schemathesis reads the live /api/schema/ and calls every
operation with generated parameters and bodies, as an API user with a token, over real HTTP
(a live server on loopback): no 5xx, and every answer (status, content type, body) as the
contract describes it."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from iam.models import PermissionProfile
from tests.assets.conftest import make_asset
from tests.factories import TicketFactory, builtin_profile

from .helpers import api_user, bearer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def token(world, client):
    """A SysAdmin API user of account A, with units and tickets to find."""
    for days in (-3, 10, 100):
        TicketFactory(account=world.account_a, asset=make_asset(world.account_a, ends_in=days))
    profile = builtin_profile(PermissionProfile.Builtin.SYSADMIN)
    user, secret = api_user(world.account_a, world.owner_a, "contract", permission_profile=profile)
    return bearer(client, user, secret)["HTTP_AUTHORIZATION"]


def test_every_operation_keeps_the_contract(live_server, token):
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def keeps_the_contract(case):
            # A well-formed body may still name a unit that does not exist: a 400 is right.
            unknown_units = [positive_data_acceptance]
            case.call_and_validate(headers={"Authorization": token}, excluded_checks=unknown_units)

        keeps_the_contract()
