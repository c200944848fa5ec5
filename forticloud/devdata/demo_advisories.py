"""The Vulnerability List's demo and scale data: firmware versions on units, and a set of PSIRT
advisories (advisories.csv: modelled on public Fortinet advisories, with made-up ones beside
them; demo data, not a feed) over the catalog's models, so the demo accounts show advisories."""

import functools
import random
from pathlib import Path

from assets.advisory_import import advisories_parse, advisories_save
from assets.models import Asset
from assets.versions import version_parse

ADVISORIES_FILE = Path(__file__).with_name("advisories.csv")
FORTIOS = ["6.4.12", "7.0.12", "7.0.15", "7.0.17", "7.2.4", "7.2.8", "7.2.11", "7.4.2", "7.4.5"]
# The versions a unit of each model runs in the demo: old and current trains, affected by some
# advisories and by none.
FIRMWARE = {
    "FGT60F": [*FORTIOS, "7.4.7"],
    "FG100F": FORTIOS,
    "FAZ-VMTM": ["7.0.12", "7.2.5", "7.2.9", "7.4.3", "7.4.6"],
    "FMG-VM": ["7.0.12", "7.2.5", "7.2.9", "7.4.4", "7.4.6"],
    "FADVM": ["7.2.3", "7.4.1", "7.4.4"],
    "FPENT": ["1.1.0", "1.2.0", "1.3.0"],
    "FPVULTM": ["1.1.2", "1.2.0", "1.3.0"],
    "FCTEMS": ["7.0.10", "7.2.2", "7.2.4", "7.2.6"],
    "FS148F": ["7.2.5", "7.2.7", "7.4.2", "7.4.4"],
    "FAP231F": ["7.2.3", "7.2.5", "7.4.1"],
}
UNKNOWN_ONE_IN = 8  # about one unit in eight has no firmware version known


def firmware_pick(rng: random.Random, model_code: str) -> tuple[str, int | None]:
    """A firmware version for a unit of ``model_code`` and its code; ("", None) for some."""
    if rng.randrange(UNKNOWN_ONE_IN) == 0:
        return "", None
    version = rng.choice(FIRMWARE.get(model_code, FORTIOS))
    return version, _code(version)


@functools.cache
def _code(version: str) -> int:
    return version_parse(version)  # once per version: the scale data picks a million


def demo_firmware_ensure(account_ids) -> None:
    """Firmware versions for the units of these accounts that have none, the same for a unit
    on every run (its serial number seeds the choice)."""
    units = Asset.objects.filter(account_id__in=account_ids, firmware_version="")
    changed = []
    for unit in units.select_related("product_model"):
        rng = random.Random(unit.serial_number)  # noqa: S311 (repeatable demo data, not a secret)
        version, code = firmware_pick(rng, unit.product_model.code)
        if version:
            unit.firmware_version, unit.firmware_code = version, code
            changed.append(unit)
    Asset.objects.bulk_update(changed, ["firmware_version", "firmware_code"], batch_size=500)


def demo_advisories_ensure() -> int:
    """Load (or refresh) the demo advisories; the caller recounts. Returns how many."""
    parsed, errors = advisories_parse(ADVISORIES_FILE)
    if errors:
        raise ValueError(f"{ADVISORIES_FILE.name}: {'; '.join(errors)}")
    advisories_save(parsed, recount=False)
    return len(parsed)
