"""Account A's renewal requests, addressed to the partner of role_a: one of a unit inside
"Branch Offices" (gone_in: asset_in stays free to be renewed), one of a unit outside it
(asset_out); and a contract code of a year that completes the first."""

from assets.models import ContractCode, RenewalRequest, RenewalRequestUnit


def renewal_samples(world) -> dict:
    def renewal(asset):
        request = RenewalRequest.objects.create(
            account=world.account_a,
            term_years=1,
            partner=world.partner,
            requested_by=world.owner_a,
            requested_by_label=world.owner_a.email,
        )
        RenewalRequestUnit.objects.create(
            request=request, asset=asset, coverage_ended_on=asset.coverage_ends_on
        )
        return request

    ContractCode.objects.create(code="MATRIXRENEW0001", service="forticare", months=12)
    return {"renewal_in": renewal(world.gone_in), "renewal_out": renewal(world.asset_out)}


def complete_data(w, o):
    """Complete renewal_in: its one unit gets the year's code."""
    return {f"unit_{w.renewal_in.units.get().pk}": "MATRIXRENEW0001"}


def renew_data(w, o, units=None):
    return {"units": [units if units is not None else w.asset_in.pk], "term_years": 1, "note": ""}
