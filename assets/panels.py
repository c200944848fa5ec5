"""Sections other apps add to a unit's page: FortiCare adds the unit's tickets. The unit's page
shows them without importing those apps (assets comes before them in the dependency order)."""

from collections.abc import Callable

# A panel takes (request, asset) and returns HTML, or "" to show nothing.
UnitPanel = Callable[..., str]
_unit_panels: list[UnitPanel] = []


def unit_panel(panel: UnitPanel) -> UnitPanel:
    """Register ``panel`` (used as a decorator in the providing app's ``ready()``)."""
    if panel not in _unit_panels:
        _unit_panels.append(panel)
    return panel


def unit_panels_render(request, asset) -> list[str]:
    return [html for panel in _unit_panels if (html := panel(request, asset))]
