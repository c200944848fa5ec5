from django.conf import settings


def client_ip(request) -> str:
    """The client address; with N trusted proxies, the Nth X-Forwarded-For entry from the right."""
    if settings.NUM_PROXIES:
        forwarded = [ip.strip() for ip in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [ip for ip in forwarded if ip]
        if len(forwarded) >= settings.NUM_PROXIES:
            return forwarded[-settings.NUM_PROXIES]
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104
