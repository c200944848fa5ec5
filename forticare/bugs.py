"""The Bug Tracker's remembered columns and bulk import."""

import csv
from dataclasses import dataclass

from django.db import transaction

from forticloud.web.listing import parse_id
from forticloud.web.lists import list_changed

from .lists import BUG_TABLE
from .models import Bug, BugColumnChoice

IMPORT_FIELDS = ["bug", "category", "project", "known_fixed_release", "status", "summary"]


def columns_save(user, columns: list[str]) -> list[str]:
    chosen = [c for c in BUG_TABLE.columns_by_key if c in columns]
    if "number" not in chosen:
        chosen.insert(0, "number")  # the bug number always shows: it opens the bug
    BugColumnChoice.objects.update_or_create(user=user, defaults={"columns": chosen})
    return chosen


@dataclass
class ImportReport:
    imported: int
    errors: list[str]


def bugs_import(path, *, skip_invalid: bool = False) -> ImportReport:
    """Validate every row of a CSV (header: bug, category, project, known_fixed_release,
    status, summary[, description]); import nothing from a bad file unless ``skip_invalid``."""
    errors, rows, seen = [], [], set()
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [f for f in IMPORT_FIELDS if f not in (reader.fieldnames or [])]
        if missing:
            return ImportReport(0, [f"line 1: missing columns: {', '.join(missing)}"])
        for line, record in enumerate(reader, start=2):
            problems = []
            number = (record.get("bug") or "").strip()
            if parse_id(number) is None or not 0 < int(number) < 2**31:
                problems.append("bug must be a positive number")
            elif int(number) in seen:
                problems.append(f"bug {number} appears twice in the file")
            status = (record.get("status") or "").strip().lower()
            if status not in Bug.STATUSES:
                problems.append(f"status must be one of {', '.join(Bug.STATUSES)}")
            project = (record.get("project") or "").strip()
            summary = (record.get("summary") or "").strip()
            if not project:
                problems.append("project is empty")
            if not summary:
                problems.append("summary is empty")
            if len(summary) > 500:
                problems.append("summary is longer than 500 characters")
            if problems:
                errors.append(f"line {line}: {'; '.join(problems)}")
                continue
            seen.add(int(number))
            rows.append(
                Bug(
                    number=int(number),
                    category=(record.get("category") or "").strip()[:64],
                    project=project[:64],
                    known_fixed_releases=(record.get("known_fixed_release") or "").strip()[:255],
                    status=status,
                    summary=summary,
                    description=(record.get("description") or "").strip(),
                )
            )
    if errors and not skip_invalid:
        return ImportReport(0, errors)
    with transaction.atomic():
        Bug.objects.bulk_create(
            rows,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["number"],
            update_fields=[
                "category",
                "project",
                "known_fixed_releases",
                "status",
                "summary",
                "description",
            ],
        )
    list_changed("forticare:bugs")  # Total Records counts again
    return ImportReport(len(rows), errors)
