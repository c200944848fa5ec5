from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def render_page(request, template, context, partial=None):
    """Render the whole page, or ``template#partial`` for an htmx swap.

    A history restore (back button after the cache expired) asks for the whole page again.
    """
    htmx = getattr(request, "htmx", None)
    if partial and htmx and not htmx.history_restore_request:
        template = f"{template}#{partial}"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response
