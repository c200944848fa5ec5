"""Online renewal in the demo: one request of Company 1274099 waiting for the partner, and
contract codes of a year the partner completes requests with."""

from assets.models import ContractCode, Entitlement, RenewalRequest
from assets.renewal_events import addressee
from assets.renewal_requests import eligible_units, renewal_request
from iam.access import access_for_account

RENEWAL_CODES = [f"FCRENEW{n:04d}" for n in range(1, 11)]


def demo_renewals_ensure(owner) -> str:
    """The demo request (once) and the codes; returns a code still unused."""
    for code in RENEWAL_CODES:
        ContractCode.objects.get_or_create(
            code=code, defaults={"service": Entitlement.Service.FORTICARE, "months": 12}
        )
    account = owner.account
    if not RenewalRequest.objects.filter(account=account).exists():
        access = access_for_account(owner, account.pk)
        units = eligible_units(access).order_by("coverage_ends_on", "pk")[:2]
        if units and addressee(account) is not None:
            renewal_request(
                access=access,
                unit_ids=[unit.pk for unit in units],
                term_years=1,
                note="Demo: please quote both units for one more year.",
            )
    unused = ContractCode.objects.filter(code__in=RENEWAL_CODES, redeemed_by__isnull=True)
    return unused.values_list("code", flat=True).first() or "(all renewal codes used)"
