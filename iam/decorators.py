from functools import wraps

from django.http import Http404

from . import grants
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


def customer_only(view):
    """The account's own principals only: a partner acting through its Partner role, or a user
    it created through it, finds nothing (the identity provider and its roles would outlive
    the role)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.access is None or grants.acting_role_id(request.access) is not None:
            raise Http404("No such page.")
        return view(request, *args, **kwargs)

    return wrapped


def master_user_only(view):
    """The master user in its own account only (seed 003: sub users and their migration)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.access is None or not request.access.is_master_user:
            raise Http404("No such page.")
        return view(request, *args, **kwargs)

    return wrapped
