"""Where each portal starts inside a context (the Services menu, a partner's landing page).

The app that serves a portal registers its home page, a URL name inside the context's
namespace, in its ``AppConfig.ready()``: iam names no other app's pages."""

from dataclasses import dataclass

_homes: dict[str, str] = {}


def portal_home_register(portal: str, url_name: str) -> None:
    _homes[portal] = url_name


def portal_home(portal: str) -> str | None:
    """The URL name of ``portal``'s home (e.g. "assets:product_list"), None if none serves it."""
    return _homes.get(portal)


@dataclass(frozen=True)
class PortalTile:
    label: str
    level: str
    url: str | None  # None: granted, but this portal has no pages here


def portal_tiles(access) -> list[PortalTile]:
    """The Dashboard's tiles: each portal the context grants, with its level, linked to its
    home. Visiting as Partner with no customer and no own account there is nothing to open."""
    usable = not access.is_partner_visit or access.has_partner_accounts
    return [
        PortalTile(
            portal.label,
            level.label,
            access.reverse(home) if usable and (home := portal_home(portal)) else None,
        )
        for portal, level in access.portals
    ]
