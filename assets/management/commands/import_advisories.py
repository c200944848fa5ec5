from assets.advisory_import import FIELDS, advisories_import
from forticloud.web.imports import ImportCommand


class Command(ImportCommand):
    help = (
        "Load PSIRT advisories for the Vulnerability List from a CSV file (or a JSON list of "
        "objects) with the fields " + ", ".join(FIELDS) + ". Existing advisory IDs are "
        "updated, their affected ranges replaced."
    )

    def load(self, path, *, skip_invalid):
        return advisories_import(path, skip_invalid=skip_invalid)

    def done(self, report):
        return (
            f"{report.imported} advisories imported; the counts of "
            f"{report.recounted_accounts} accounts will be updated."
        )
