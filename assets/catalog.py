"""The product catalog: models every FortiCloud account can register (seed 000 example rows)."""

from .models import ProductModel

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
        ProductModel.objects.update_or_create(
            code=code, defaults={"name": name, "serial_prefix": prefix}
        )
