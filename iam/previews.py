"""What an access would reach, counted by the apps that own the rows (units, tickets): the
Partner role's access preview ("What this partner will see"). The app that owns a kind of row
registers a counter in its ``AppConfig.ready()``; iam names no other app's models."""

from collections.abc import Callable
from dataclasses import dataclass

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
