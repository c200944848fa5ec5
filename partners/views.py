from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from iam.access import connected_accounts
from iam.decorators import partner_visit_only


@partner_visit_only
@require_safe
def partner_account(request):
    """Partner Account: the partner company, its own FortiCloud account, its connections."""
    user = request.user
    if user.partner.account_id is None:
        # Seed 000: without a FortiCloud account there is no Partner Account entry.
        raise Http404("No such page.")
    context = {
        "partner": user.partner,
        "own_account": user.partner.account,
        "connected_count": connected_accounts(user).count(),
    }
    return render(request, "partners/partner_account.html", context)
