from django.shortcuts import render
from django.views.decorators.http import require_safe

from iam.decorators import requires
from iam.permissions import Portal

# The general sections of FortiCare every partner has, even without any account (seed 000).
GENERAL_SECTIONS = ["Resources", "Product Lifecycle", "Downloads", "Customer Support Bulletin"]


@requires(Portal.FORTICARE)
@require_safe
def home(request):
    context = {"portal": Portal.FORTICARE, "general_sections": GENERAL_SECTIONS}
    return render(request, "portal_home.html", context)
