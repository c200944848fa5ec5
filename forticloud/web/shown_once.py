"""A secret shown once (a new token): kept in the session for the one page that shows it, so
a reload of that page, or the browser's back button, finds it gone instead of making another
(which would silently invalidate the one already shared). Only its hash is kept elsewhere."""

import time

SHOWN_ONCE_SECONDS = 600


def keep_once(request, kind: str, pk, **values) -> None:
    """Keep ``values`` for the next ``take_once(request, kind, pk)``, for ten minutes."""
    request.session[f"shown_once_{kind}"] = {"pk": str(pk), "at": time.time(), **values}


def take_once(request, kind: str, pk) -> dict | None:
    """What ``keep_once`` kept for ``pk``, taken out of the session: None once shown."""
    key = f"shown_once_{kind}"
    kept = request.session.get(key)
    if not kept or kept.get("pk") != str(pk):
        return None
    del request.session[key]
    return kept if time.time() - kept.get("at", 0) < SHOWN_ONCE_SECONDS else None
