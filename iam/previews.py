"""What an access would reach, counted by the apps that own the rows (units, tickets): the
Partner role's access preview ("What this partner will see"). The app that owns a kind of row
registers a counter in its ``AppConfig.ready()``; iam names no other app's models."""

from collections.abc import Callable
from dataclasses import dataclass

from .access import profile_access
from .models import User
from .permissions import PARTNER_ROLE_PORTALS

Counter = Callable[..., int]  # (access) -> how many rows it sees


@dataclass(frozen=True)
class PreviewCounter:
    label: str  # "Units"
    portal: str  # the portal the rows belong to
    count: Counter


_counters: list[PreviewCounter] = []


def preview_counter(label: str, portal: str):
    """Register the decorated function as the counter of ``label`` rows of ``portal``."""

    def register(count: Counter) -> Counter:
        if all(counter.label != label for counter in _counters):
            _counters.append(PreviewCounter(label, portal, count))
        return count

    return register


def preview_counts(viewer, preview) -> list[tuple[str, int | None]]:
    """(label, rows ``preview`` would see) per counter; None where ``preview`` has no such
    portal. Only the counters of portals the ``viewer`` can read themselves: a preview never
    tells the viewer more than they may see."""
    return [
        (counter.label, counter.count(preview) if preview.can(counter.portal) else None)
        for counter in _counters
        if viewer.can(counter.portal)
    ]


def partner_role_preview(account, profile, scope_folder):
    """What a partner user will have in ``account`` through a Partner role with this profile
    and scope, as ``access_for_account`` gives it; it sees only the tickets shared with the
    customer (a partner's own are not the customer's to count)."""
    partner_user = User(kind=User.Kind.PARTNER)
    return profile_access(
        partner_user, account, profile, scope_folder, portals=PARTNER_ROLE_PORTALS
    )
