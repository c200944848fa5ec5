"""Tickets and bugs of the scale data set (see scale.py)."""

import datetime

from django.db import transaction

from forticare.models import Bug, Ticket
from iam.models import Account

from .bulk import Progress, bulk_insert


def tickets_and_bugs_generate(spec, rng, out, *, first_account_id: int) -> None:
    """Tickets spread over the scale accounts, and bugs for the Bug Tracker."""
    now = datetime.datetime.now(datetime.UTC)
    ticket, bug = Ticket, Bug
    last = ticket.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    first = max(last + 1, 10_000_001)  # eight-digit Ticket IDs, as FortiCare's
    types = ["customer_service", "technical_support", "rma", "licensing"]
    account_ids = range(first_account_id, first_account_id + spec.accounts)
    companies = dict(Account.objects.filter(pk__in=account_ids).values_list("pk", "company_name"))

    def ticket_rows():
        for n in range(spec.tickets):
            created = now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 900))
            closed = created + datetime.timedelta(days=rng.randint(1, 20)) if n % 3 else None
            account_id = first_account_id + n % spec.accounts
            yield (
                first + n,
                account_id,
                companies[account_id],
                f"Issue {n % 9973} with network connectivity",
                "Generated for the benchmark.",
                types[n % 4],
                3,
                "closed" if closed else "open",
                "customer",
                "all",
                "scale",
                created,
                closed,
            )

    fields = [
        "id", "account", "company_name", "subject", "description", "request_type", "priority",
        "status", "ticket_type", "visibility", "creator_label", "created_at", "closed_at",
    ]  # fmt: skip
    with transaction.atomic():
        bulk_insert(ticket, fields, ticket_rows(), Progress("tickets", spec.tickets, out))
    existing = set(bug.objects.values_list("number", flat=True))
    projects = ["FortiOS", "FortiManager", "FortiAnalyzer", "FortiAP", "FortiSwitch"]
    statuses = ["new", "acknowledged", "assigned", "resolved", "closed"]

    def bug_rows():
        for n in range(spec.bugs):
            number = 3_000_000 + n
            if number in existing:
                continue
            yield (
                number,
                "",
                projects[n % 5],
                f"7.{n % 7}.{n % 13}-{1000 + n % 3000}",
                statuses[n % 5],
                f"B{n}: =SUM(A1) style summary {n % 4999} on {projects[n % 5]}",
                "",
            )

    bug_fields = [
        "number", "category", "project", "known_fixed_releases", "status", "summary",
        "description",
    ]  # fmt: skip
    with transaction.atomic():
        bulk_insert(bug, bug_fields, bug_rows(), Progress("bugs", spec.bugs, out))
