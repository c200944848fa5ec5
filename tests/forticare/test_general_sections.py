"""FortiCare's general sections (seed 000): Resources, Product Lifecycle, Downloads and the
Customer Support Bulletin are real pages, kept by staff in admin, in every context with
FortiCare, a partner without any account included."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assets.models import ProductModel
from forticare.models import Bulletin, ResourceLink
from tests.factories import PartnerUserFactory

pytestmark = pytest.mark.django_db


def texts(html: str, pattern) -> list[str]:
    """What ``pattern``'s group matches in ``html``, tags removed."""
    return [re.sub(r"<[^>]+>", "", found).strip() for found in re.findall(pattern, html, re.S)]


def test_the_forticare_menu_links_the_four_sections(world, client):
    client.force_login(world.owner_a)
    page = client.get(f"/a/{world.account_a.pk}/forticare/")
    base = f"/a/{world.account_a.pk}/forticare"
    for label, path in (
        ("Resources", "resources"),
        ("Product Lifecycle", "product-lifecycle"),
        ("Downloads", "downloads"),
        ("Customer Support Bulletin", "bulletins"),
    ):
        assert re.search(f'<a href="{base}/{path}/"[^>]*>{label}</a>', page.text)
        assert client.get(f"{base}/{path}/").status_code == 200


def test_resources_and_downloads_list_their_own_links(world, client):
    ResourceLink.objects.create(section="resources", title="Docs", url="https://docs.example/")
    ResourceLink.objects.create(
        section="downloads", title="Firmware", url="https://dl.example/", position=1
    )
    ResourceLink.objects.create(section="downloads", title="Agent", url="https://dl.example/a")
    client.force_login(world.owner_a)
    base = f"/a/{world.account_a.pk}/forticare"
    links = r'<li><a href="https://[^"]+" rel="noopener noreferrer">([^<]+)</a>'
    assert texts(client.get(f"{base}/resources/").text, links) == ["Docs"]
    assert texts(client.get(f"{base}/downloads/").text, links) == ["Agent", "Firmware"]


def test_staff_can_publish_only_https_links():
    for url in ("javascript:alert(1)", "http://plain.example/", "ftp://files.example/"):
        with pytest.raises(ValidationError):
            ResourceLink(section="resources", title="Bad", url=url).full_clean()
    ResourceLink(section="resources", title="Good", url="https://docs.example/").full_clean()


def test_product_lifecycle_shows_each_model_with_its_dates_and_status(world, client):
    today = timezone.localdate()
    ProductModel.objects.filter(code="FGT60F").update(
        end_of_order=today - datetime.timedelta(days=400),
        end_of_support=today - datetime.timedelta(days=1),
    )
    ProductModel.objects.filter(code="FG100F").update(
        end_of_order=today - datetime.timedelta(days=1),
        end_of_support=today + datetime.timedelta(days=900),
    )
    ProductModel.objects.filter(code="FADVM").update(end_of_order=None, end_of_support=None)
    client.force_login(world.partner_user)
    page = client.get("/partner/forticare/product-lifecycle/")
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", page.text, re.S):
        if cells := texts(row, r"<td>(.*?)</td>"):
            rows[cells[0]] = cells[2:]
    eos = (today - datetime.timedelta(days=1)).isoformat()
    assert rows["FortiGate 60F"][1:] == [eos, "End of Support"]
    assert rows["FortiGate 100F"][2] == "End of Order"
    assert rows["FortiADC VMS"] == ["—", "—", "Available"]


def test_bulletins_show_published_ones_newest_first_never_drafts_or_future(world, client):
    now = timezone.now()
    Bulletin.objects.create(
        number="CSB-1", title="Older", body="a", published_at=now.replace(year=2025)
    )
    Bulletin.objects.create(number="CSB-2", title="Newer", body="b", published_at=now)
    Bulletin.objects.create(number="CSB-3", title="Draft", body="c")
    Bulletin.objects.create(
        number="CSB-4", title="Tomorrow", body="d", published_at=now + datetime.timedelta(days=1)
    )
    client.force_login(world.owner_a)
    page = client.get(f"/a/{world.account_a.pk}/forticare/bulletins/")
    assert texts(page.text, r"<h2>(CSB-[^<]+)</h2>") == ["CSB-2: Newer", "CSB-1: Older"]


def test_a_partner_without_any_account_has_the_general_sections(db, client):
    client.force_login(PartnerUserFactory())
    for path in ("resources", "product-lifecycle", "downloads", "bulletins"):
        assert client.get(f"/partner/forticare/{path}/").status_code == 200
    assert client.get("/partner/forticare/product-lifecycle/?page=%00").status_code == 200
