"""Where each portal starts inside a context (the Services menu, a partner's landing page).

The app that serves a portal registers its home page, a URL name inside the context's
namespace, in its ``AppConfig.ready()``: iam names no other app's pages."""

_homes: dict[str, str] = {}


def portal_home_register(portal: str, url_name: str) -> None:
    _homes[portal] = url_name


def portal_home(portal: str) -> str | None:
    """The URL name of ``portal``'s home (e.g. "assets:product_list"), None if none serves it."""
    return _homes.get(portal)
