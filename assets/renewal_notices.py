"""Renewal notices (seed 000: "The Notification Email address will be used for renewal
notification emails pertaining to this Partner role").

A daily run finds the units in service whose coverage ends in 90, 60, 30, 7 or 1 days, or
ended yesterday (and, after a day the run missed, those of the days since), and sends one
digest per recipient per day: to each active account's master user (its units), and to the
Notification Email of each live Partner role that grants Asset Management (the units the
partner reaches there: iam.partner_reach, with the role's scope; an Organization-type role's
email also gets the member accounts it reaches). The sent-log makes every notice go once,
whatever retries or parallel workers do. Queries do not grow with units: the due units in one
query, owners and roles in one each, two per partner, then a few per recipient."""

import datetime
import itertools
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from forticloud.web.rate_limit import rate_counts_prune
from iam.access import own_account_access
from iam.grants import USER_GRANT_RELATIONS
from iam.models import Account, MailOptOut, OrganizationMember, PartnerRole, User
from iam.partner_reach import ACTIVE_PARTNER, partner_reach
from iam.permissions import Level, Portal, ScopeType
from iam.services.exports import exports_prune
from iam.services.mail import mail_send, mail_sweep
from iam.services.mail_preferences import opted_out, unsubscribe_headers, unsubscribe_url
from iam.services.role_schedule import partner_role_reminders_run

from .models import Asset, RenewalDigest, RenewalNoticeSent, RenewalRun

logger = logging.getLogger(__name__)

WINDOWS = (90, 60, 30, 7, 1, -1)  # days before the coverage ends; -1: it ended yesterday
CATCH_UP_DAYS = 7  # after a run missed, at most this many days are caught up
BATCH = 5_000  # account ids per query (coverage.RECOUNT_BATCH says why)


@dataclass(frozen=True)
class DueUnit:
    pk: int
    account_id: int
    company: str
    serial: str
    model: str
    ends_on: datetime.date
    days: int  # the window


def _since(today: datetime.date) -> datetime.date:
    """The first day this run covers: the day after the last completed run (at most a week)."""
    last = RenewalRun.objects.filter(day__lt=today).order_by("-day").first()
    first = last.day + datetime.timedelta(days=1) if last else today
    return max(first, today - datetime.timedelta(days=CATCH_UP_DAYS - 1))


def _due_condition(since: datetime.date, today: datetime.date) -> tuple[Q, dict]:
    """Units whose coverage end crosses a window on one of the days ``since``..``today``."""
    condition, window_of = Q(pk__in=[]), {}
    for days in WINDOWS:
        low, high = since + datetime.timedelta(days=days), today + datetime.timedelta(days=days)
        condition |= Q(coverage_ends_on__gte=low, coverage_ends_on__lte=high)
        day = low
        while day <= high:
            window_of[day] = days
            day += datetime.timedelta(days=1)
    return condition, window_of


def due_units(since, today, reach_condition=None) -> list[DueUnit]:
    condition, window_of = _due_condition(since, today)
    rows = (
        Asset.objects.in_service()
        .filter(condition, reach_condition or Q(), account__status=Account.Status.ACTIVE)
        .order_by("account__company_name", "account_id", "coverage_ends_on", "serial_number")
        .values_list(
            "pk",
            "account_id",
            "account__company_name",
            "serial_number",
            "product_model__name",
            "coverage_ends_on",
        )
    )
    return [DueUnit(*row, days=window_of[row[5]]) for row in rows]


def _owner_recipients(units) -> dict[str, list[DueUnit]]:
    email_of, accounts = {}, sorted({unit.account_id for unit in units})
    for batch in itertools.batched(accounts, BATCH, strict=False):
        owners = User.objects.filter(kind=User.Kind.OWNER, is_active=True, account_id__in=batch)
        email_of |= dict(owners.values_list("account_id", "email"))
    found = defaultdict(list)
    for unit in units:
        if unit.account_id in email_of:
            found[email_of[unit.account_id]].append(unit)
    return found


def _iam_recipients(since, today) -> dict[str, list[DueUnit]]:
    """IAM users who opted in (My Account > Notifications): the due units their own access
    decision shows them (profile, scope; a query each, however many units)."""
    found = {}
    people = User.objects.filter(
        kind=User.Kind.IAM,
        is_active=True,
        renewal_notices=True,
        account__status=Account.Status.ACTIVE,
    ).exclude(email="")
    for person in people.select_related("account", *USER_GRANT_RELATIONS):
        access = own_account_access(person, person.account)
        if access is not None and access.can(Portal.ASSET_MANAGEMENT):
            reach = access.reach(Portal.ASSET_MANAGEMENT)
            found[person.email] = due_units(since, today, reach.condition(unit="pk"))
    return found


def _partner_recipients(since, today) -> dict[str, list[DueUnit]]:
    """Per Notification Email: the due units each partner reaches through its live roles."""
    roles = PartnerRole.objects.filter(
        status=PartnerRole.Status.ACTIVE,
        partner__status=ACTIVE_PARTNER,
        account__status=Account.Status.ACTIVE,
        permission_profile__asset_management__gte=Level.READ_ONLY,
    )
    email_by_partner = defaultdict(dict)  # partner id -> {account id: notification email}
    organization_email = defaultdict(dict)  # the same, of Organization-type roles (roots)
    for partner_id, account_id, email, scope_type in roles.values_list(
        "partner_id", "account_id", "notification_email", "scope_type"
    ):
        email_by_partner[partner_id][account_id] = email
        if scope_type == ScopeType.ORGANIZATION:
            organization_email[partner_id][account_id] = email
    found = defaultdict(list)
    for partner_id, emails in email_by_partner.items():
        reach = partner_reach(partner_id, Portal.ASSET_MANAGEMENT, Level.READ_ONLY)
        units = due_units(since, today, reach.condition(unit="pk"))
        roots = _roots_of({u.account_id for u in units} - emails.keys())
        for unit in units:
            if unit.account_id in emails:  # its own role's address (or none)
                email = emails[unit.account_id]
            else:  # a member reached through its root's Organization-type role: that role's
                email = organization_email[partner_id].get(roots.get(unit.account_id))
            if email:
                found[email].append(unit)
    return found


def _roots_of(member_ids) -> dict[int, int]:
    """Member account id -> its organization's root account id (their Partner role's)."""
    roots = {}
    for batch in itertools.batched(sorted(member_ids), BATCH, strict=False):
        members = OrganizationMember.objects.filter(account_id__in=batch)
        roots |= dict(members.values_list("account_id", "organization__root_id"))
    return roots


def renewal_notices_send(today: datetime.date | None = None) -> int:
    """The day's run: one digest to each recipient with units told for the first time.
    Returns how many digests were written to the outbox."""
    today = today or timezone.localdate()
    since = _since(today)
    recipients = defaultdict(dict)  # lowercased email -> {unit pk: DueUnit}, and its spelling
    spelled = {}
    owners = _owner_recipients(due_units(since, today))
    for found in (owners, _iam_recipients(since, today), _partner_recipients(since, today)):
        for email, units in found.items():
            spelled.setdefault(email.lower(), email)
            recipients[email.lower()].update({unit.pk: unit for unit in units})
    stopped = opted_out(recipients, MailOptOut.Kind.RENEWAL)
    written = failed = 0
    for key, units in recipients.items():
        if key in stopped:
            continue
        try:
            written += _digest_send(spelled[key], list(units.values()), today)
        except Exception:  # one recipient's failure must not stop everyone else's digest
            logger.exception("Renewal digest to %s failed", spelled[key])
            failed += 1
    if failed:  # not a completed day: the next run covers it again
        return written
    RenewalRun.objects.update_or_create(
        day=today, defaults={"finished_at": timezone.now(), "digests": written}
    )
    return written


@transaction.atomic
def _digest_send(email: str, units: list[DueUnit], today) -> int:
    """The recipient's digest of the units not told before, written to the outbox with its
    sent-log in one transaction; 0 if another run took today's digest or nothing is new."""
    try:
        with transaction.atomic():
            digest = RenewalDigest.objects.create(recipient=email, day=today)
    except IntegrityError:
        return 0  # a parallel or earlier run of today has this recipient's digest
    told = set(
        RenewalNoticeSent.objects.filter(
            recipient__iexact=email, asset_id__in=[unit.pk for unit in units]
        ).values_list("asset_id", "days", "coverage_ends_on")
    )
    new = [unit for unit in units if (unit.pk, unit.days, unit.ends_on) not in told]
    if not new:
        digest.delete()  # nothing new: a later run of the day may still have something
        return 0
    RenewalNoticeSent.objects.bulk_create(
        RenewalNoticeSent(
            recipient=email, asset_id=u.pk, days=u.days, coverage_ends_on=u.ends_on, digest=digest
        )
        for u in new
    )
    digest.units = len(new)
    digest.save(update_fields=["units"])
    mail_send(
        to=email,
        template="assets/mail/renewal_digest.txt",
        html_template="assets/mail/renewal_digest.html",
        context=_digest_context(email, new, today),
        headers=unsubscribe_headers(email, MailOptOut.Kind.RENEWAL),
    )
    return 1


def _digest_context(email, units, today) -> dict:
    base = settings.PORTAL_URL.rstrip("/")
    accounts = {}
    for unit in units:
        account = accounts.setdefault(
            unit.account_id,
            {
                "company": unit.company,
                "account_id": unit.account_id,
                "url": f"{base}/a/{unit.account_id}/assets/renewal-notice/",
                "units": [],
            },
        )
        left = (unit.ends_on - today).days
        account["units"].append({"unit": unit, "left": left, "ended": left < 0})
    return {
        "accounts": list(accounts.values()),
        "count": len(units),
        "today": today,
        "unsubscribe": unsubscribe_url(email, MailOptOut.Kind.RENEWAL),
    }


def next_run_at(now: datetime.datetime) -> datetime.datetime:
    """The next RENEWAL_NOTICE_HOUR o'clock (local time) after ``now``."""
    local = timezone.localtime(now)
    at = local.replace(hour=settings.RENEWAL_NOTICE_HOUR, minute=0, second=0, microsecond=0)
    return at if at > local else at + datetime.timedelta(days=1)


def renewal_schedule() -> bool:
    """Queue the next daily run, unless one is queued already."""
    from django_tasks_db.models import DBTaskResult  # the worker's queue (settings.TASKS)

    queued = DBTaskResult.objects.filter(
        task_path=renewal_notices_daily.module_path, status="READY"
    )
    if queued.exists():
        return False
    renewal_notices_daily.using(run_after=next_run_at(timezone.now())).enqueue()
    return True


@task()
def renewal_notices_daily() -> int:
    """The worker's daily run; it queues the next one (``manage.py schedule_daily`` queues
    the first, as the worker starts). Export files past their retention go last (also when
    no one has exported since; an export prunes them as it starts): an object store that
    cannot be reached must not keep the day's notices from being sent."""
    try:
        mail_sweep()
        partner_role_reminders_run()
        sent = renewal_notices_send()
        rate_counts_prune()
        exports_prune()
        return sent
    finally:  # whatever happened today, tomorrow's run is queued
        renewal_schedule()
