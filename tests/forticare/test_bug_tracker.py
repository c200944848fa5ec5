"""Bug Tracker: partners only, search, columns remembered, exports, import."""

import io
import re
from urllib.parse import urljoin

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from forticare.models import Bug
from tests.exports import csv_rows, export_of
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

BUGS = "/partner/forticare/bug-tracker/"


def _bug(number, project, summary, status="resolved", **fields):
    return Bug(number=number, project=project, summary=summary, status=status, **fields)


@pytest.fixture
def bugs(db):
    samples = [
        _bug(
            1164092,
            "FortiOS",
            "B1740: traffic stops on NF7 platforms",
            status="acknowledged",
            category="All",
            known_fixed_releases="7.2.12-1753",
        ),
        _bug(
            1160819,
            "FortiManager",
            "B3524 - local-in-policy not permitted",
            known_fixed_releases="7.4.8-2696, 7.6.4-3527",
            description="Without a valid license.",
        ),
        _bug(1000001, "FortiOS", '=HYPERLINK("http://evil.test","click")'),
    ]
    access_points = [_bug(2000000 + n, "FortiAP", f"AP bug {n}", status="new") for n in range(60)]
    Bug.objects.bulk_create(samples + access_points)


def test_only_partner_users_see_the_bug_tracker(world, client, bugs):
    for user, path in [
        (world.owner_a, f"/a/{world.account_a.pk}/forticare/bug-tracker/"),
        (world.iam_a, f"/a/{world.account_a.pk}/forticare/bug-tracker/"),
    ]:
        client.force_login(user)
        assert client.get(path).status_code == 404
        assert client.get(path + "1164092/").status_code == 404
    client.force_login(world.owner_a)
    assert "Bug Tracker" not in client.get(f"/a/{world.account_a.pk}/forticare/").content.decode()
    client.force_login(world.partner_user)
    page = client.get(BUGS)
    assert page.status_code == 200
    assert "Total Records <strong>63</strong>" in page.content.decode()


def test_search_sort_paginate_and_detail(world, client, bugs):
    client.force_login(world.partner_user)
    found = client.get(BUGS + "?q=fortimanager")
    assert [b.number for b in found.context["page"].object_list] == [1160819]
    assert [b.number for b in client.get(BUGS + "?q=7.2.12").context["page"].object_list] == [
        1164092
    ]
    assert [b.number for b in client.get(BUGS + "?q=1164092").context["page"].object_list] == [
        1164092
    ]
    first = client.get(BUGS).context["page"]
    assert len(first.object_list) == 50
    second = client.get(BUGS + f"?after={first.next_after}").context["page"]
    assert len(second.object_list) == 13 and not second.next_after
    seen = {b.number for b in first.object_list} | {b.number for b in second.object_list}
    assert len(seen) == 63
    by_project = [b.project for b in client.get(BUGS + "?sort=project").context["page"].object_list]
    assert by_project == sorted(by_project)
    # The rows link to the bug's page relative to the list's own URL.
    href = re.search(r'<a href="([^"]+)">B3524', found.text).group(1)
    assert client.get(urljoin(BUGS + "?q=fortimanager", href)).status_code == 200
    detail = client.get(BUGS + "1160819/").content.decode()
    assert "7.4.8-2696, 7.6.4-3527" in detail and "Without a valid license." in detail


def _found(client, query) -> list[int]:
    """The bug numbers a search lists (the first page)."""
    return sorted(b.number for b in client.get(BUGS, {"q": query}).context["page"].object_list)


def test_every_word_of_a_search_must_match(world, client, bugs):
    client.force_login(world.partner_user)
    assert _found(client, "FortiManager resolved") == [1160819]
    assert _found(client, "fortios traffic") == [1164092]
    assert _found(client, "FortiOS 7.2.12") == [1164092]
    assert _found(client, "FortiManager traffic") == []  # the words of two different bugs
    assert _found(client, "resolved") == [1000001, 1160819]


def test_a_search_of_few_bugs_pages_through_them_in_order(world, client, bugs):
    """Few matches (the count keeps their ids): the pages are sorted among them, the cursor
    goes on from the last row, and a bug that stops matching drops out at once."""
    client.force_login(world.partner_user)
    query = BUGS + "?q=FortiAP+new&sort=-summary"
    first = client.get(query)
    assert "Total Records <strong>60</strong>" in first.text
    first = first.context["page"]
    second = client.get(query + f"&after={first.next_after}").context["page"]
    summaries = [b.summary for b in [*first.object_list, *second.object_list]]
    assert len(first.object_list) == 50 and not second.next_after
    assert summaries == sorted((f"AP bug {n}" for n in range(60)), reverse=True)
    Bug.objects.filter(summary=summaries[-1]).update(status="closed")
    again = client.get(query + f"&after={first.next_after}").context["page"]
    assert [b.summary for b in again.object_list] == summaries[50:-1]


def test_a_staff_edit_shows_at_once_in_a_search_already_counted(world, client, post, bugs):
    client.force_login(world.partner_user)
    assert _found(client, "ipsec") == []  # counted, and its (no) ids kept for a minute
    bug = Bug.objects.get(number=1164092)
    client.force_login(StaffFactory())
    fields = {"number": bug.number, "category": bug.category, "project": bug.project}
    fields |= {"known_fixed_releases": bug.known_fixed_releases, "status": bug.status}
    fields |= {"summary": "Firewall drops IPsec rekeys", "description": ""}
    assert post(f"/admin/forticare/bug/{bug.pk}/change/", fields).status_code == 302
    client.force_login(world.partner_user)
    assert _found(client, "ipsec") == [1164092]
    assert "Total Records <strong>1</strong>" in client.get(BUGS + "?q=ipsec").text


def test_a_word_is_found_in_any_case_and_follows_an_edit(world, client, bugs):
    client.force_login(world.partner_user)
    assert _found(client, "RESOLVED fortimanager") == [1160819]
    assert _found(client, "all") == [1164092]  # its category, as a whole word
    assert _found(client, "nf7 PLATFORMS") == [1164092]
    assert _found(client, "7.6.4-3527") == [1160819]
    # LIKE's wildcards are plain characters.
    assert _found(client, "100%") == _found(client, "_") == []
    # The summary's end and the releases' start are not one word.
    assert _found(client, "platforms7.2.12") == _found(client, "permitted7.4.8") == []
    Bug.objects.filter(number=1164092).update(summary="Firewall drops IPsec rekeys")
    assert _found(client, "ipsec") == [1164092]
    assert _found(client, "traffic") == []


def test_total_records_follow_the_search_and_an_import(world, client, bugs, tmp_path):
    client.force_login(world.partner_user)
    assert "Total Records <strong>2</strong>" in client.get(BUGS + "?q=resolved").text
    call_command("import_bugs", write(tmp_path, GOOD), stdout=io.StringIO())  # 500 resolved
    assert "Total Records <strong>3</strong>" in client.get(BUGS + "?q=resolved").text


def test_the_column_selector_remembers_each_users_choice(world, client, post, bugs):
    from tests.factories import PartnerUserFactory

    client.force_login(world.partner_user)
    post(BUGS + "columns/", {"columns": ["status", "summary"]})
    html = client.get(BUGS).content.decode()
    assert "Sort by status" in html and "Sort by bug#" in html
    assert "Sort by project" not in html and "Sort by category" not in html
    rows = csv_rows(export_of(client, BUGS + "?q=fortios"))
    assert rows[0] == ["BUG#", "STATUS", "SUMMARY"]  # the export shows what the page shows
    client.force_login(PartnerUserFactory(partner=world.partner))
    assert "Sort by project" in client.get(BUGS).content.decode()


def test_exports_of_the_current_search_are_safe(world, client, bugs):
    client.force_login(world.partner_user)
    rows = csv_rows(export_of(client, BUGS + "?q=fortios"))
    assert rows[0] == ["BUG#", "CATEGORY", "PROJECT", "KNOWN FIXED RELEASE", "STATUS", "SUMMARY"]
    assert sorted(r[0] for r in rows[1:]) == ["1000001", "1164092"]
    assert next(r for r in rows if r[0] == "1000001")[5].startswith("'=HYPERLINK")

    response = export_of(client, BUGS + "?q=fortios", "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(values) == 2
    cell = next(c for c in sheet["F"] if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"


def write(tmp_path, text):
    path = tmp_path / "bugs.csv"
    path.write_text(text)
    return str(path)


GOOD = (
    "bug,category,project,known_fixed_release,status,summary,description\n"
    "500,All,FortiOS,7.4.1-100,resolved,First bug,desc\n"
    "501,,FortiManager,,acknowledged,Second bug,\n"
)


def test_import_bugs(tmp_path, capsys):
    out = io.StringIO()
    call_command("import_bugs", write(tmp_path, GOOD), stdout=out)
    assert "2 bugs imported" in out.getvalue()
    assert Bug.objects.get(number=500).known_fixed_releases == "7.4.1-100"
    updated = GOOD.replace("resolved,First bug", "closed,First bug")
    call_command("import_bugs", write(tmp_path, updated), stdout=io.StringIO())
    assert Bug.objects.get(number=500).status == "closed" and Bug.objects.count() == 2


def test_a_bad_file_imports_nothing_and_names_its_lines(tmp_path):
    bad = (
        GOOD
        + "x,,FortiOS,,resolved,No number,\n"
        + "502,,FortiOS,,maybe,Bad status,\n"
        + "500,,FortiOS,,new,Again,\n"
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="3 invalid rows: nothing was imported"):
        call_command("import_bugs", write(tmp_path, bad), stderr=err)
    messages = err.getvalue()
    assert "line 4: bug must be a positive number" in messages
    assert "line 5: status must be one of" in messages
    assert "line 6: bug 500 appears twice in the file" in messages
    assert not Bug.objects.exists()
    call_command(
        "import_bugs",
        write(tmp_path, bad),
        "--skip-invalid",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert sorted(Bug.objects.values_list("number", flat=True)) == [500, 501]


def test_a_file_without_the_columns_is_refused(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_bugs", write(tmp_path, "number,title\n1,x\n"), stderr=io.StringIO())
    assert not Bug.objects.exists()


def test_seed_demo_loads_425_bugs_with_the_seeds_rows(settings):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    assert Bug.objects.count() == 425
    assert (
        Bug.objects.get(number=947237).summary == "Multiple Issues Observed with Fortiportal 7.0.5"
    )


def test_the_bug_tracker_query_count_does_not_grow(world, client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Bug.objects.create(number=1, project="FortiOS", status="new", summary="one")
    client.force_login(world.partner_user)
    with CaptureQueriesContext(connection) as few:
        assert client.get(BUGS).status_code == 200
    Bug.objects.bulk_create(
        [Bug(number=10 + n, project="FortiOS", status="new", summary=f"b{n}") for n in range(200)]
    )
    with django_assert_max_num_queries(len(few)):
        assert client.get(BUGS).status_code == 200
