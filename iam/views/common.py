"""What the IAM portal's views share: the write level, the redirect back to a list, and the 404 for
a grant the actor may not change."""

from django.http import Http404

from forticloud.web.responses import see_other

from .. import grants
from ..permissions import Level, Portal

PAGE_SIZE = 25


WRITE = Level.READ_WRITE


def back_to(request, name):
    return see_other(list_url(request, name))


def list_url(request, name):
    """The URL of an IAM page (``users``, ``groups``, ``profiles``) in the current account."""
    return request.access.reverse(f"iam:{name}")


def changeable_or_404(request, obj):
    """``obj`` if the access may change it (iam.grants.may_change), else the same 404 as a
    missing one: the controls are not offered, and a forged request finds nothing."""
    if not grants.may_change(request.access, obj):
        raise Http404("No such page.")
    return obj


def changeable_ids(request, objects) -> set[int]:
    if not request.access.can(Portal.IAM, WRITE):
        return set()
    return {obj.pk for obj in objects if grants.may_change(request.access, obj)}
