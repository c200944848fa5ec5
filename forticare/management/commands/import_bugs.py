from forticare.bugs import IMPORT_FIELDS, bugs_import
from forticloud.web.imports import ImportCommand


class Command(ImportCommand):
    help = (
        "Load bugs for the Bug Tracker from a CSV file with the columns "
        + ", ".join(IMPORT_FIELDS)
        + " (and optionally description). Existing bug numbers are updated."
    )

    def load(self, path, *, skip_invalid):
        return bugs_import(path, skip_invalid=skip_invalid)

    def done(self, report):
        return f"{report.imported} bugs imported."
