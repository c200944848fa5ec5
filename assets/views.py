from django.shortcuts import render
from django.views.decorators.http import require_safe

from iam.decorators import requires
from iam.permissions import Portal


@requires(Portal.ASSET_MANAGEMENT)
@require_safe
def home(request):
    return render(request, "portal_home.html", {"portal": Portal.ASSET_MANAGEMENT})
