"""The product catalog: models every FortiCloud account can register (seed 000 example rows),
and the lifecycle dates a new database starts with (staff keep them in admin afterwards)."""

import datetime

from .models import ProductModel

# code: (End of Order, End of Support)
LIFECYCLE = {
    "FS148F": (datetime.date(2025, 6, 30), datetime.date(2030, 6, 30)),
    "FAP231F": (datetime.date(2026, 3, 31), datetime.date(2031, 3, 31)),
    "FG100F": (datetime.date(2027, 9, 30), datetime.date(2032, 9, 30)),
}

CATALOG = [
    # code, name, serial prefix
    ("FGT60F", "FortiGate 60F", "FGT60F"),
    ("FG100F", "FortiGate 100F", "FG100F"),
    ("FAZ-VMTM", "FortiAnalyzer VM", "FAZVM"),
    ("FMG-VM", "FortiManager VM", "FMGVM"),
    ("FADVM", "FortiADC VMS", "FADVM"),
    ("FPENT", "FortiPenTest", "FPENT"),
    ("FPVULTM", "FortiPAM VM", "FPAVM"),
    ("FCTEMS", "FortiClient EMS / FortiSASE", "FCTEMS"),
    ("FS148F", "FortiSwitch 148F", "S148F"),
    ("FAP231F", "FortiAP 231F", "FP231F"),
]


def product_catalog_ensure() -> None:
    for code, name, prefix in CATALOG:
        end_of_order, end_of_support = LIFECYCLE.get(code, (None, None))
        ProductModel.objects.update_or_create(
            code=code,
            defaults={"name": name, "serial_prefix": prefix},
            create_defaults={
                "name": name,
                "serial_prefix": prefix,
                "end_of_order": end_of_order,
                "end_of_support": end_of_support,
            },
        )
