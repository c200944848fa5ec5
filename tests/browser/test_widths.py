"""Every main page from a phone (390 px) to a wide screen (1440 px): the page never scrolls
sideways; a wide table scrolls inside its own box."""

import pytest
from django.core.management import call_command

from tests.browser.conftest import log_in
from tests.browser.test_accessibility import OWNER_PAGES, PARTNER_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 768, 1440)
PAGE_WIDTH = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"


def test_no_page_scrolls_sideways_at_any_width(new_page, settings):
    call_command("seed_demo", force=True)
    wide = []
    for email, pages in (("owner@demo.test", OWNER_PAGES), ("partner@demo.test", PARTNER_PAGES)):
        page = new_page()
        log_in(page, email, settings.DEMO_PASSWORD)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            for path in pages:
                page.goto(path)
                scroll_width, client_width = page.evaluate(PAGE_WIDTH)
                if scroll_width > client_width:
                    wide.append(f"{path} at {width} px: {scroll_width} px wide")
    assert wide == []


def test_on_a_phone_a_wide_table_scrolls_in_its_box(page, settings):
    call_command("seed_demo", force=True)
    page.set_viewport_size({"width": 390, "height": 800})
    log_in(page, "partner@demo.test", settings.DEMO_PASSWORD)
    page.goto("/partner/assets/")
    table = page.locator("#asset-table table")
    scroll_width, client_width = table.evaluate("t => [t.scrollWidth, t.clientWidth]")
    assert scroll_width > client_width  # its columns are all there, reached by scrolling it
    assert client_width <= 390
    page.get_by_label("Profile menu").click()  # the menus work at this width too
    menu = page.locator("#profile-menu .menu-items")
    box = menu.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
