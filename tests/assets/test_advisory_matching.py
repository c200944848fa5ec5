"""Which units an advisory affects: a unit of one of its product models whose firmware version
lies within one of its ranges, compared as ordered integers in the database. Every case is
asked three ways, which must agree: the Product List's filter (advisory_matching.named_advisory),
the unit's page (ranges_of_unit) and the worker's counts (AdvisoryCount)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assets.advisory_matching import named_advisory, ranges_of_unit
from assets.advisory_models import AdvisoryCount
from assets.coverage import coverage_recount
from assets.models import Asset
from assets.versions import (
    firmware_clean,
    range_parse,
    range_text,
    version_code,
    version_parse,
    version_text,
)

from .advisories import make_advisory, make_unit

pytestmark = pytest.mark.django_db

FORTIOS = ("FGT60F", "7.2.0-7.2.6", "7.2.7")

CASES = [
    # (ranges of the advisory, the unit's model, its version, affected?)
    ([FORTIOS], "FGT60F", "7.2.0", True),  # the first version of the range
    ([FORTIOS], "FGT60F", "7.2.6", True),  # the last one
    ([FORTIOS], "FGT60F", "7.2.7", False),  # the fix
    ([FORTIOS], "FGT60F", "7.1.999", False),  # just before
    ([FORTIOS], "FGT60F", "7.2", True),  # "7.2" is 7.2.0
    ([FORTIOS], "FGT60F", "v7.2.3", True),
    ([FORTIOS], "FGT60F", "", False),  # not known: matches nothing
    ([FORTIOS], "FG100F", "7.2.3", False),  # another model
    ([FORTIOS, ("FG100F", "7.2.0-7.2.6", "7.2.7")], "FG100F", "7.2.3", True),  # both models
    ([FORTIOS, ("FGT60F", "7.0.0-7.0.13", "7.0.14")], "FGT60F", "7.0.13", True),  # 2nd range
    ([FORTIOS, ("FGT60F", "7.0.0-7.0.13", "7.0.14")], "FGT60F", "7.1.0", False),  # between
    ([("FGT60F", "7.2.0-7.2.9", "7.2.10")], "FGT60F", "7.2.10", False),  # 7.2.10 > 7.2.9
    ([("FGT60F", "7.2.10-7.2.12", "7.2.13")], "FGT60F", "7.2.9", False),
    ([("FGT60F", "7.2.10-7.2.12", "7.2.13")], "FGT60F", "7.2.10", True),
    ([("FGT60F", "7.2.*", "7.4.0")], "FGT60F", "7.2.999", True),  # a minor's wildcard
    ([("FGT60F", "7.2.*", "7.4.0")], "FGT60F", "7.3.0", False),
    ([("FGT60F", "6.*", "7.0.0")], "FGT60F", "6.4.15", True),  # a major's wildcard
    ([("FGT60F", "6.*", "7.0.0")], "FGT60F", "7.0.0", False),
    ([("FGT60F", "6.*", "7.0.0")], "FGT60F", "5.999.999", False),
    ([("FGT60F", "7.4.1", "7.4.2")], "FGT60F", "7.4.1", True),  # a single version
    ([("FGT60F", "7.4.1", "7.4.2")], "FGT60F", "7.4.0", False),
]


@pytest.mark.parametrize(("ranges", "model", "version", "affected"), CASES)
def test_a_unit_is_affected_when_its_model_and_version_fall_in_a_range(
    world, ranges, model, version, affected
):
    advisory = make_advisory("FG-IR-24-015", *ranges)
    unit = make_unit(world.account_a, version, model=model)
    make_unit(world.account_a, "7.2.3", model="FAZ-VMTM")  # never among the advisory's models
    matched = Asset.objects.filter(named_advisory(advisory.pk).affects)
    assert list(matched) == ([unit] if affected else [])
    assert [r.advisory_id for r in ranges_of_unit(unit)] == ([advisory.pk] if affected else [])
    coverage_recount([world.account_a.pk])
    counts = AdvisoryCount.objects.filter(account=world.account_a, whole=True)
    assert list(counts.values_list("advisory_id", "units")) == (
        [(advisory.pk, 1)] if affected else []
    )


def test_overlapping_ranges_count_a_unit_once_and_decommissioned_units_not_at_all(world):
    advisory = make_advisory(
        "FG-IR-24-015", ("FGT60F", "7.2.*", ""), ("FGT60F", "7.2.0-7.2.6", "7.2.7")
    )
    make_unit(world.account_a, "7.2.5")
    make_unit(world.account_a, "7.2.5", decommissioned_at=timezone.now())
    coverage_recount([world.account_a.pk])
    whole = AdvisoryCount.objects.get(account=world.account_a, whole=True)
    assert (whole.advisory_id, whole.units) == (advisory.pk, 1)


def test_the_firmware_code_follows_the_version_on_every_save(world):
    unit = make_unit(world.account_a, "7.2.10")
    assert unit.firmware_code == version_code(7, 2, 10) > version_code(7, 2, 9)
    unit.firmware_version = "7.4.1"
    unit.save(update_fields=["firmware_version"])
    unit.refresh_from_db()
    assert unit.firmware_code == version_parse("7.4.1")
    unit.firmware_version = ""
    unit.save()
    unit.refresh_from_db()
    assert unit.firmware_code is None


@pytest.mark.parametrize(
    ("text", "first", "last", "shown"),
    [
        ("7.2.0-7.2.5", "7.2.0", "7.2.5", "7.2.0 - 7.2.5"),
        ("7.2.0 - 7.2.5", "7.2.0", "7.2.5", "7.2.0 - 7.2.5"),
        ("7.2.5", "7.2.5", "7.2.5", "7.2.5"),
        ("7.2.*", "7.2.0", "7.2.999", "7.2.*"),
        ("6.*", "6.0.0", "6.999.999", "6.*"),
    ],
)
def test_ranges_read_and_show(text, first, last, shown):
    low, high = range_parse(text)
    assert (version_text(low), version_text(high)) == (first, last)
    assert range_text(low, high) == shown


@pytest.mark.parametrize(
    "text", ["", "7.2.5.1", "1000.0.0", "7.x", "7.2.5-7.2.0", "7.*.5", "latest", "7.2.5\x00"]
)
def test_what_is_not_a_range(text):
    with pytest.raises(ValueError):
        range_parse(text)


@pytest.mark.parametrize(
    ("text", "kept"), [("7.2.5", "7.2.5"), (" v7.2 ", "7.2.0"), ("", ""), ("  ", "")]
)
def test_firmware_versions_are_kept_alike(text, kept):
    assert firmware_clean(text) == kept


ARABIC_INDIC_SEVEN = "\u0667"  # int() reads it as 7; a version is ASCII digits


@pytest.mark.parametrize(
    "text", ["7.2.5.1", "seven", "7.2.5b", "1000.1.1", f"{ARABIC_INDIC_SEVEN}.2.5"]
)
def test_a_bad_firmware_version_says_what_to_enter(text):
    with pytest.raises(ValidationError, match=r"Enter a firmware version such as 7\.2\.5\."):
        firmware_clean(text)
