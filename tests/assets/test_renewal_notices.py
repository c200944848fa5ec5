"""Renewal notices: the daily run's digests reach a real SMTP server on loopback; the right
recipients, the right units, the role's scope, once each, nothing after a disconnect."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from assets.models import RenewalDigest, RenewalNoticeSent
from assets.renewal_notices import renewal_notices_send
from iam.models import PartnerRole
from tests.concurrency import at_once
from tests.factories import FolderFactory, ProfileFactory
from tests.mail import deliver

from .conftest import make_asset

pytestmark = pytest.mark.django_db
NOTIFY = "renewals@reseller.test"


@pytest.fixture
def fleet(world):
    """Account A's units: due in 30, 7 and 1 days, ended yesterday, later and earlier; the
    partner's role on A notifies NOTIFY. Account B (no partner) has one due unit."""
    branch = FolderFactory(account=world.account_a, name="Branch Offices")
    PartnerRole.objects.filter(pk=world.role_a.pk).update(notification_email=NOTIFY)
    return {
        "in_30": make_asset(world.account_a, ends_in=30, folder=branch),
        "in_7": make_asset(world.account_a, ends_in=7),
        "in_1": make_asset(world.account_a, ends_in=1),
        "ended": make_asset(world.account_a, ends_in=-1),
        "in_45": make_asset(world.account_a, ends_in=45),  # no window today
        "ended_long_ago": make_asset(world.account_a, ends_in=-40),
        "b_in_90": make_asset(world.account_b, ends_in=90),
        "gone": make_asset(
            world.account_a, ends_in=7, decommissioned_at=timezone.now()
        ),  # not in service
    }


def serials_in(message) -> set[str]:
    text = message.get_body(preferencelist=("plain",)).get_content()
    return {word for word in text.split() if word[:4].isupper() and word[-6:].isdigit()}


def serials(*units) -> set[str]:
    return {unit.serial_number for unit in units}


def test_one_digest_each_to_the_owner_and_the_partner(world, smtp, fleet):
    assert renewal_notices_send() == 3  # owner A, owner B, the partner's Notification Email
    deliver()
    due_a = serials(fleet["in_30"], fleet["in_7"], fleet["in_1"], fleet["ended"])
    [owner_mail] = smtp.to(world.owner_a.email)
    assert serials_in(owner_mail) == due_a
    [partner_mail] = smtp.to(NOTIFY)
    assert serials_in(partner_mail) == due_a
    [b_mail] = smtp.to(world.owner_b.email)
    assert serials_in(b_mail) == serials(fleet["b_in_90"])
    html = partner_mail.get_body(preferencelist=("html",)).get_content()
    assert f"/a/{world.account_a.pk}/assets/renewal-notice/" in html
    assert "Alpha Corp" in html and fleet["in_7"].product_model.name in html
    assert partner_mail["List-Unsubscribe"].startswith("<http")
    assert partner_mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_never_the_same_notice_twice(world, smtp, fleet):
    renewal_notices_send()
    assert renewal_notices_send() == 0  # the same day again
    RenewalDigest.objects.update(day=timezone.localdate() - datetime.timedelta(days=1))
    assert renewal_notices_send() == 0  # another digest day, but every unit was told
    deliver()
    assert len(smtp.to(NOTIFY)) == 1


def test_two_workers_at_once_write_one_digest_each(transactional_db, world, smtp, fleet):
    outcomes = at_once(lambda n: str(renewal_notices_send()), [1, 2])
    # Either run may take any recipient's digest first ([0, 3], [1, 2]); together, one each.
    assert sum(int(n) for n in outcomes) == 3
    deliver()
    assert len(smtp.to(NOTIFY)) == len(smtp.to(world.owner_a.email)) == 1
    assert RenewalNoticeSent.objects.filter(recipient=NOTIFY).count() == 4


def test_the_partner_gets_its_scope_only(world, smtp, fleet):
    PartnerRole.objects.filter(pk=world.role_a.pk).update(scope_folder=fleet["in_30"].folder)
    renewal_notices_send()
    deliver()
    [partner_mail] = smtp.to(NOTIFY)
    assert serials_in(partner_mail) == serials(fleet["in_30"])


@pytest.mark.parametrize(
    "change",
    ["disabled", "deleted", "disconnected", "no asset management", "partner inactive"],
)
def test_nothing_to_the_partner_once_the_role_no_longer_reaches(world, smtp, fleet, change):
    role = PartnerRole.objects.filter(pk=world.role_a.pk)
    if change == "disabled":
        role.update(status=PartnerRole.Status.DISABLED)
    elif change == "deleted":
        role.delete()
    elif change == "disconnected":
        role.update(partner=None, status=PartnerRole.Status.PENDING)
    elif change == "no asset management":
        role.update(permission_profile=ProfileFactory(account=world.account_a, forticare=2))
    else:
        world.partner.status = "inactive"
        world.partner.save()
    renewal_notices_send()
    deliver()
    assert smtp.to(NOTIFY) == []
    assert len(smtp.to(world.owner_a.email)) == 1  # the customer is still told


def test_a_missed_day_is_caught_up(world, smtp, fleet):
    from assets.models import RenewalRun

    RenewalRun.objects.create(day=timezone.localdate() - datetime.timedelta(days=3))
    late = make_asset(world.account_a, ends_in=28)  # crossed 30 days two days ago
    renewal_notices_send()
    deliver()
    [owner_mail] = smtp.to(world.owner_a.email)
    assert late.serial_number in serials_in(owner_mail)


def test_unsubscribe_stops_the_digest_and_the_command_runs_it(world, client, smtp, fleet):
    renewal_notices_send()
    deliver()
    [partner_mail] = smtp.to(NOTIFY)
    link = partner_mail["List-Unsubscribe"].strip("<>")
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get(f"/{path}")
    assert "Stop sending renewal notices to" in page.content.decode()
    assert client.post(f"/{path}", {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert client.get("/mail/unsubscribe/not-a-token/").status_code == 404

    RenewalDigest.objects.all().delete()
    RenewalNoticeSent.objects.all().delete()
    smtp.clear()
    call_command("send_renewal_notices", stdout=open("/dev/null", "w"))  # noqa: SIM115
    deliver()
    assert smtp.to(NOTIFY) == []
    assert len(smtp.to(world.owner_a.email)) == 1


def test_my_account_notifications_turn_the_digest_off_and_on(world, client, post, smtp, fleet):
    client.force_login(world.owner_a)
    assert client.get("/account/").context["notifications_form"].initial == {"renewal": True}
    assert post("/account/notifications/", {}).status_code == 303  # unticked: off
    assert client.get("/account/").context["notifications_form"].initial == {"renewal": False}
    renewal_notices_send()
    deliver()
    assert smtp.to(world.owner_a.email) == []
    assert len(smtp.to(NOTIFY)) == 1  # the partner's address is its own choice

    RenewalDigest.objects.all().delete()
    RenewalNoticeSent.objects.all().delete()
    assert post("/account/notifications/", {"renewal": "on"}).status_code == 303
    renewal_notices_send()
    deliver()
    assert len(smtp.to(world.owner_a.email)) == 1


def test_the_run_s_queries_do_not_grow_with_units(world, fleet):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_of_a_run() -> int:
        RenewalDigest.objects.all().delete()  # and the sent-log with it: all new again
        with CaptureQueriesContext(connection) as run:
            renewal_notices_send()
        return len(run)

    queries_of_a_run()  # the day's run row is made once; later runs of the day update it
    few = queries_of_a_run()
    for _ in range(25):
        make_asset(world.account_a, ends_in=30)
        make_asset(world.account_b, ends_in=7)
    assert queries_of_a_run() == few


def test_the_daily_task_runs_and_queues_the_next_day_s(world, smtp, fleet):
    from django_tasks_db.models import DBTaskResult

    from assets.renewal_notices import renewal_notices_daily, renewal_schedule

    assert renewal_schedule() is True
    assert renewal_schedule() is False  # one queued run is enough (schedule_daily at start)
    daily = DBTaskResult.objects.filter(task_path=renewal_notices_daily.module_path)
    daily.update(run_after=timezone.now())  # 6:00 has come
    deliver()
    assert len(smtp.to(NOTIFY)) == 1
    [tomorrow] = daily.filter(status="READY")
    assert tomorrow.run_after > timezone.now()
    assert timezone.localtime(tomorrow.run_after).hour == 6


def test_iam_users_get_the_digest_of_their_scope_once_they_opt_in(world, client, post, smtp, fleet):
    from iam.models import User
    from tests.factories import IamUserFactory

    profile = ProfileFactory(account=world.account_a, asset_management=1)
    ian = IamUserFactory(
        account=world.account_a,
        permission_profile=profile,
        scope_folder=fleet["in_30"].folder,
        email="ian@alpha.test",
    )
    renewal_notices_send()
    deliver()
    assert smtp.to("ian@alpha.test") == []  # not asked for

    RenewalDigest.objects.all().delete()
    client.force_login(ian)
    assert post("/account/notifications/", {"renewal": "on"}).status_code == 303
    assert User.objects.get(pk=ian.pk).renewal_notices
    renewal_notices_send()
    deliver()
    [mail] = smtp.to("ian@alpha.test")
    assert serials_in(mail) == serials(fleet["in_30"])  # its scope, Branch Offices


def test_an_iam_user_without_an_email_is_asked_for_one_first(world, client, post):
    from tests.factories import IamUserFactory

    ian = IamUserFactory(account=world.account_a, email="")
    client.force_login(ian)
    answer = post("/account/notifications/", {"renewal": "on"}, follow=True)
    assert "Set your email first" in answer.content.decode()
    ian.refresh_from_db()
    assert not ian.renewal_notices


def test_accounts_are_read_in_batches_under_the_parameter_limits(world, smtp, fleet, monkeypatch):
    # A day with more due accounts than one query may list (RECOUNT_BATCH says why) reads
    # them a batch at a time and mails the same digests.
    monkeypatch.setattr("assets.renewal_notices.BATCH", 1)
    assert renewal_notices_send() == 3
    deliver()
    assert serials_in(smtp.to(world.owner_b.email)[0]) == serials(fleet["b_in_90"])
    assert len(smtp.to(world.owner_a.email)) == 1
