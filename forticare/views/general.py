"""FortiCare's general sections, the same for every context with FortiCare (seed 000: a partner
has them even without any account): Resources, Product Lifecycle, Downloads and Customer
Support Bulletins, all kept by staff in admin."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from assets.models import ProductModel
from iam.decorators import requires
from iam.permissions import Portal

from ..models import Bulletin, ResourceLink
from .common import READ, page_context

LIFECYCLE_PAGE_SIZE = 50
BULLETINS_PAGE_SIZE = 20


def _links(request, section, title):
    links = ResourceLink.objects.filter(section=section)
    return render(request, "forticare/links.html", page_context(request, links=links, title=title))


@requires(Portal.FORTICARE, READ)
@require_safe
def resources(request):
    return _links(request, ResourceLink.Section.RESOURCES, "Resources")


@requires(Portal.FORTICARE, READ)
@require_safe
def downloads(request):
    return _links(request, ResourceLink.Section.DOWNLOADS, "Downloads")


@requires(Portal.FORTICARE, READ)
@require_safe
def product_lifecycle(request):
    """The product models with their End of Order and End of Support dates."""
    models = ProductModel.objects.order_by("name", "code")
    page = Paginator(models, LIFECYCLE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = page_context(request, page=page)
    return render(request, "forticare/product_lifecycle.html", context)


@requires(Portal.FORTICARE, READ)
@require_safe
def bulletins(request):
    """Customer Support Bulletins, newest first; drafts and future ones are not shown."""
    page = Paginator(Bulletin.objects.published(), BULLETINS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "forticare/bulletins.html", page_context(request, page=page))
