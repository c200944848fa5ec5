"""In development (DEBUG, as `make run` serves the demo) errors still show the portal's own
pages: Django's debug pages would list every URL pattern and the settings."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_debug_shows_the_portals_own_404_pages(settings, world):
    settings.DEBUG = True
    client = Client()  # a new handler: it loads the middleware with DEBUG on
    missing_route = client.get("/no-such-page/")
    assert missing_route.status_code == 404
    page = missing_route.content.decode()
    assert "Page not found" in page and "URLconf" not in page

    client.force_login(world.owner_a)
    missing_unit = client.get(f"/a/{world.account_a.pk}/assets/units/999999/")
    assert missing_unit.status_code == 404
    page = missing_unit.content.decode()
    assert "Page not found" in page and "Traceback" not in page and "URLconf" not in page
    assert client.get("/accounts").status_code == 301  # APPEND_SLASH still redirects
