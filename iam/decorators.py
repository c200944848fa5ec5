from functools import wraps

from django.http import Http404

from .permissions import Level


def requires(portal: str, level: int = Level.READ_ONLY):
    """Refuse (404, as for a missing page) unless ``request.access`` grants ``portal``."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.access is None or not request.access.can(portal, level):
                raise Http404("No such page.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def partner_visit_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.access is None or not request.access.is_partner_visit:
            raise Http404("No such page.")
        return view(request, *args, **kwargs)

    return wrapped
