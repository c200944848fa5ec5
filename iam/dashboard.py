"""What the Dashboard shows besides the portal tiles: panels other apps add (iam names no
other app's pages, as with portal homes). A panel takes the request and returns HTML, or ""
when it has nothing for the context. A panel that is still counting refreshes itself: the
Dashboard URL with ``?panel=<name>`` answers that panel's HTML alone (an htmx request)."""

from collections.abc import Callable
from dataclasses import dataclass

Panel = Callable[..., str]


@dataclass(frozen=True)
class Figure:
    """A number people act on, linked to the list it counts (includes/figures.html)."""

    label: str
    value: int
    url: str


_panels: dict[str, Panel] = {}


def dashboard_panel(name: str):
    """Register the decorated function as the Dashboard panel ``name`` (in an app's ready())."""

    def register(panel: Panel) -> Panel:
        _panels[name] = panel
        return panel

    return register


def dashboard_panels_render(request) -> list[str]:
    return [html for panel in _panels.values() if (html := panel(request))]


def dashboard_panel_render(request, name: str) -> str | None:
    """Panel ``name``'s HTML for this request, None if no such panel."""
    panel = _panels.get(name)
    return None if panel is None else panel(request)
