"""`manage.py import_advisories FILE [--skip-invalid]`: CSV or JSON, every row validated and
every problem of a bad row reported with its line (or item); a bad file imports nothing unless
its bad rows are skipped; a known advisory is updated and its ranges replaced; the accounts
with units of the models concerned get a recount."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from assets.advisory_models import Advisory, AdvisoryRange
from assets.models import CoverageTally
from assets.versions import range_text

from .advisories import make_unit

pytestmark = pytest.mark.django_db

HEADER = (
    "advisory_id,title,severity,cvss,cve_ids,product_models,affected_versions,"
    "fixed_versions,published\n"
)
SSLVPN = (
    "FG-IR-24-015,Out-of-bound write in sslvpnd,Critical,9.6,CVE-2024-21762,FGT60F;FG100F,"
    '"7.4.0-7.4.2;7.2.0-7.2.6;6.*",7.4.3;7.2.7,2024-02-08\n'
)
GOOD = (
    HEADER
    + SSLVPN
    + 'FG-IR-24-423,Missing authentication in fgfmsd,critical,9.8,"CVE-2024-47575",FMG-VM,'
    "7.4.0-7.4.4,7.4.5,2024-10-23\n"
    + "FG-IR-23-001,Information disclosure in the GUI,Low,3.1,,FAZ-VMTM,7.2.*,,2023-01-10\n"
)


def write(tmp_path, text, name="advisories.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_advisories", path, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def ranges_of(advisory_id):
    rows = AdvisoryRange.objects.filter(advisory__advisory_id=advisory_id)
    return sorted(
        (r.product_model.code, range_text(r.first, r.last), r.fixed_version)
        for r in rows.select_related("product_model")
    )


def test_a_good_csv_file_is_imported_with_each_ranges_fix(world, tmp_path):
    out, _ = run(write(tmp_path, GOOD))
    assert "3 advisories imported" in out
    sslvpn = Advisory.objects.get(advisory_id="FG-IR-24-015")
    assert (sslvpn.severity, sslvpn.cvss, sslvpn.cve_ids) == (
        Advisory.Severity.CRITICAL,
        Decimal("9.6"),
        "CVE-2024-21762",
    )
    assert sslvpn.published_on == datetime.date(2024, 2, 8)
    assert sslvpn.fixed_versions == "7.4.3, 7.2.7"
    # Each range's fix is the lowest fixed version above it; 6.* has none listed.
    assert ranges_of("FG-IR-24-015") == [
        ("FG100F", "6.*", "7.2.7"),
        ("FG100F", "7.2.0 - 7.2.6", "7.2.7"),
        ("FG100F", "7.4.0 - 7.4.2", "7.4.3"),
        ("FGT60F", "6.*", "7.2.7"),
        ("FGT60F", "7.2.0 - 7.2.6", "7.2.7"),
        ("FGT60F", "7.4.0 - 7.4.2", "7.4.3"),
    ]
    assert ranges_of("FG-IR-23-001") == [("FAZ-VMTM", "7.2.*", "")]
    assert Advisory.objects.get(advisory_id="FG-IR-23-001").cve_ids == ""


def test_a_good_json_file_takes_lists_or_semicolon_text(world, tmp_path):
    items = [
        {
            "advisory_id": "FG-IR-24-015",
            "title": "Out-of-bound write in sslvpnd",
            "severity": "HIGH",
            "cvss": 8.1,
            "cve_ids": ["CVE-2024-21762", "cve-2024-21763"],
            "product_models": ["FGT60F"],
            "affected_versions": ["7.2.0-7.2.6", "7.0.*"],
            "fixed_versions": "7.2.7; 7.4.0",
            "published": "2024-02-08",
        }
    ]
    out, _ = run(write(tmp_path, json.dumps(items), "feed.json"))
    assert "1 advisories imported" in out
    advisory = Advisory.objects.get()
    assert advisory.severity == Advisory.Severity.HIGH and advisory.cvss == Decimal("8.1")
    assert advisory.cve_ids == "CVE-2024-21762 CVE-2024-21763"
    assert ranges_of("FG-IR-24-015") == [
        ("FGT60F", "7.0.*", "7.2.7"),
        ("FGT60F", "7.2.0 - 7.2.6", "7.2.7"),
    ]


BAD_ROWS = [
    ("FG-24-015,T,Critical,9.6,,FGT60F,7.2.*,,2024-02-08", "advisory_id must be like FG-IR-24-015"),
    ("FG-IR-24-016,,Critical,9.6,,FGT60F,7.2.*,,2024-02-08", "title must be 1 to 255 characters"),
    ("FG-IR-24-017,T,Severe,9.6,,FGT60F,7.2.*,,2024-02-08", "severity must be one of Critical"),
    ("FG-IR-24-018,T,High,10.1,,FGT60F,7.2.*,,2024-02-08", "cvss must be a score from 0.0"),
    ("FG-IR-24-019,T,High,nine,,FGT60F,7.2.*,,2024-02-08", "cvss must be a score from 0.0"),
    ("FG-IR-24-020,T,High,9.65,,FGT60F,7.2.*,,2024-02-08", "cvss must be a score from 0.0"),
    ("FG-IR-24-021,T,High,9,CVE-24-1,FGT60F,7.2.*,,2024-02-08", "cve_ids: CVE-24-1 not like"),
    ("FG-IR-24-022,T,High,9,,FGT99Z,7.2.*,,2024-02-08", "product_models: unknown model FGT99Z"),
    ("FG-IR-24-023,T,High,9,,,7.2.*,,2024-02-08", "product_models is empty"),
    ("FG-IR-24-024,T,High,9,,FGT60F,,,2024-02-08", "affected_versions is empty"),
    ("FG-IR-24-025,T,High,9,,FGT60F,7.2.9-7.2.1,,2024-02-08", "ends before it starts"),
    ("FG-IR-24-026,T,High,9,,FGT60F,7.x,,2024-02-08", "'7.x' is not a version"),
    ("FG-IR-24-027,T,High,9,,FGT60F,7.2.*,7.2.4,2024-02-08", "fixed version 7.2.4 lies within"),
    ("FG-IR-24-028,T,High,9,,FGT60F,7.2.*,next,2024-02-08", "fixed_versions: 'next' is not"),
    ("FG-IR-24-029,T,High,9,,FGT60F,7.2.*,,08/02/2024", "published must be a date as YYYY-MM-DD"),
    ("FG-IR-24-030,T,High,9,,FGT60F,7.2.*,,2024-02-30", "published must be a date as YYYY-MM-DD"),
    ("FG-IR-24-015,T,High,9,,FGT60F,7.2.*,,2024-02-08", "FG-IR-24-015 also on line 2"),
    ("FG-IR-24-031,T,High,9,,FGT60F,7.2.*,,2024-02-08,extra", "more values than the header"),
]


def test_a_bad_file_imports_nothing_and_names_every_bad_line(world, tmp_path):
    text = GOOD + "".join(f"{row}\n" for row, _problem in BAD_ROWS)
    with pytest.raises(CommandError, match=f"{len(BAD_ROWS)} invalid rows: nothing was imported"):
        run(write(tmp_path, text))
    assert not Advisory.objects.exists()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_advisories", write(tmp_path, text), stderr=err)
    lines = err.getvalue().splitlines()
    for line_number, (_row, problem) in enumerate(BAD_ROWS, start=5):
        assert any(
            line.startswith(f"line {line_number}: ") and problem in line for line in lines
        ), (line_number, problem, lines)


def test_a_bad_row_lists_every_problem_it_has(world, tmp_path):
    text = HEADER + "FG-IR-24-099,,Severe,11,CVE-1,NOPE,7.x,,someday\n"
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_advisories", write(tmp_path, text), stderr=err)
    message = err.getvalue()
    for problem in ("title", "severity", "cvss", "cve_ids", "product_models", "affected", "date"):
        assert problem in message
    assert message.count("line 2:") == 1


def test_bad_json_items_are_named_by_number(world, tmp_path):
    items = [
        {"advisory_id": "FG-IR-24-015"},
        "not an object",
        dict(zip(("advisory_id", "title"), ("FG-IR-24-016", "T"), strict=True)),
    ]
    err = io.StringIO()
    with pytest.raises(CommandError, match="3 invalid rows"):
        call_command("import_advisories", write(tmp_path, json.dumps(items), "a.json"), stderr=err)
    message = err.getvalue()
    assert "item 1: missing: title, severity" in message
    assert "item 2: not an object" in message and "item 3: missing" in message


@pytest.mark.parametrize(
    ("text", "name", "problem"),
    [
        ("advisory_id,title\nFG-IR-24-015,T\n", "a.csv", "line 1: missing columns: severity"),
        ('[{"advisory_id": ', "a.json", "line 1: not valid JSON"),
        ('{"advisory_id": "FG-IR-24-015"}', "a.json", "a JSON list of advisories"),
        (HEADER + "FG-IR-24-015," + "x" * 200_000 + "\n", "a.csv", "not CSV this import reads"),
        ("[" + "1" * 5000 + "]", "a.json", "a huge number or deep nesting"),
        ("[" * 100_000 + "]" * 100_000, "a.json", "a huge number or deep nesting"),
    ],
)
def test_a_file_that_cannot_be_read_as_advisories_is_refused(world, tmp_path, text, name, problem):
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_advisories", write(tmp_path, text, name), "--skip-invalid", stderr=err)
    assert problem in err.getvalue() and not Advisory.objects.exists()


def test_not_utf8_and_missing_files_are_refused(world, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(GOOD.replace("Low", "Low\xe9").encode("latin-1"))
    with pytest.raises(CommandError, match="Nothing was imported"):
        run(str(path))
    with pytest.raises(CommandError, match="Cannot read"):
        run(str(tmp_path / "missing.csv"))


def test_skip_invalid_imports_the_good_rows(world, tmp_path):
    text = GOOD + "".join(f"{row}\n" for row, _problem in BAD_ROWS[:3])
    out, err = run(write(tmp_path, text), "--skip-invalid")
    assert "3 advisories imported" in out and err.count("line ") == 3
    assert Advisory.objects.count() == 3


def test_a_known_advisory_is_updated_and_its_ranges_replaced(world, tmp_path):
    run(write(tmp_path, GOOD))
    changed = HEADER + SSLVPN.replace("Critical,9.6", "High,8.8").replace(
        "FGT60F;FG100F", "FGT60F"
    ).replace('"7.4.0-7.4.2;7.2.0-7.2.6;6.*"', "7.4.0-7.4.2")
    out, _ = run(write(tmp_path, changed))
    assert "1 advisories imported" in out
    advisory = Advisory.objects.get(advisory_id="FG-IR-24-015")
    assert (advisory.severity, advisory.cvss) == (Advisory.Severity.HIGH, Decimal("8.8"))
    assert ranges_of("FG-IR-24-015") == [("FGT60F", "7.4.0 - 7.4.2", "7.4.3")]
    assert Advisory.objects.count() == 3  # the others stay


def test_the_accounts_with_units_of_the_models_concerned_get_a_recount(world, tmp_path):
    make_unit(world.account_a, "7.2.5", model="FGT60F")
    make_unit(world.account_b, "7.2.5", model="FCTEMS")  # no advisory of the file names it
    out, _ = run(write(tmp_path, GOOD))
    assert "the counts of 1 accounts will be updated" in out
    asked = CoverageTally.objects.filter(requested_at__isnull=False)
    assert list(asked.values_list("account_id", flat=True)) == [world.account_a.pk]
    # A model an advisory no longer names: its accounts are recounted too.
    changed = HEADER + SSLVPN.replace("FGT60F;FG100F", "FG100F")
    CoverageTally.objects.update(requested_at=None)
    run(write(tmp_path, changed))
    assert list(asked.values_list("account_id", flat=True)) == [world.account_a.pk]


def test_values_of_the_wrong_kind_are_refused_not_converted(world, tmp_path):
    """A review's finding: 7.10 as a JSON number reads 7.1; an object as a title became its
    repr; a NUL byte would stop PostgreSQL."""
    good = {
        "advisory_id": "FG-IR-24-015",
        "title": "Out-of-bound write in sslvpnd",
        "severity": "Critical",
        "cvss": 9.6,
        "cve_ids": ["CVE-2024-21762"],
        "product_models": ["FGT60F", "FGT60F"],
        "affected_versions": ["7.10.0-7.10.2"],
        "fixed_versions": ["7.10.3"],
        "published": "2024-02-08",
    }
    bad = [
        good | {"advisory_id": "FG-IR-24-016", "affected_versions": [7.10]},
        good | {"advisory_id": "FG-IR-24-017", "title": {"a": 1}},
        good | {"advisory_id": "FG-IR-24-018", "title": "Null\x00byte"},
    ]
    err = io.StringIO()
    with pytest.raises(CommandError, match="3 invalid rows"):
        call_command(
            "import_advisories", write(tmp_path, json.dumps([good, *bad]), "a.json"), stderr=err
        )
    message = err.getvalue()
    assert 'item 2: affected_versions must be text (versions too: "7.10", not 7.10)' in message
    assert "item 3: title must be text" in message
    assert "item 4: title holds a NUL character" in message
    run(write(tmp_path, json.dumps([good]), "good.json"))
    assert ranges_of("FG-IR-24-015") == [("FGT60F", "7.10.0 - 7.10.2", "7.10.3")]  # once
