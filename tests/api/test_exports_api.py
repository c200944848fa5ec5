"""Exports through the REST API: a job of the list exactly as its query filters and sorts it,
written by the worker, followed to its file; the starter's own, in the context it was started
in (an account, or the partner's view), and the list's check asked again at every step."""

import pytest
from django.core.files.storage import storages

from iam.models import ExportJob, PermissionProfile
from iam.permissions import Level
from partners.models import Partner
from tests.assets.conftest import make_asset
from tests.exports import csv_rows, run_worker, xlsx_rows
from tests.factories import AccountFactory, ProfileFactory

from .helpers import api_user, bearer

pytestmark = pytest.mark.django_db

EXPORTS = "/api/v1/exports/"


def _start(client, headers, url=EXPORTS, **fields):
    return client.post(url, fields, content_type="application/json", **headers)


def _finished(client, headers, started):
    assert started.status_code == 202, started.content
    job = started.json()
    assert job["status"] == "queued" and job["download"] is None
    run_worker()
    done = client.get(f"{started.wsgi_request.path}{job['id']}/", **headers).json()
    assert done["status"] == "done", done
    return done


def test_the_product_list_exported_as_its_query_shows_it(world, client):
    user, secret = api_user(world.account_a, world.owner_a)
    headers = bearer(client, user, secret)
    expiring = [make_asset(world.account_a, ends_in=days) for days in (5, 20)]
    make_asset(world.account_a, ends_in=200)
    make_asset(world.account_b, ends_in=5)
    started = _start(
        client,
        headers,
        list="assets:product_list",
        kind="csv",
        query="coverage=expiring30&sort=-days",
    )
    done = _finished(client, headers, started)
    assert done["rows_total"] == done["rows_written"] == 2
    rows = csv_rows(client.get(done["download"], **headers))
    serials = [row[0] for row in rows[1:]]
    assert serials == [expiring[1].serial_number, expiring[0].serial_number]
    listed = client.get(EXPORTS, **headers).json()["results"]
    assert [job["id"] for job in listed] == [done["id"]]


def _owner_s_product_list(world, client, kind):
    """The API user of account A's owner, its headers, and its finished Product List job."""
    user, secret = api_user(world.account_a, world.owner_a)
    headers = bearer(client, user, secret)
    make_asset(world.account_a)
    done = _finished(
        client, headers, _start(client, headers, list="assets:product_list", kind=kind)
    )
    return user, headers, done


def test_a_job_is_its_starter_s_and_the_list_is_checked_again(world, client):
    user, headers, done = _owner_s_product_list(world, client, "xlsx")
    assert len(xlsx_rows(client.get(done["download"], **headers))) == 2
    other, other_secret = api_user(world.account_a, world.owner_a, "other")
    other_headers = bearer(client, other, other_secret)
    assert client.get(done["download"], **other_headers).status_code == 404
    assert client.get(f"{EXPORTS}{done['id']}/", **other_headers).status_code == 404
    tickets = _start(client, headers, list="forticare:all_tickets", kind="csv").json()
    listed = client.get(EXPORTS, **headers).json()["results"]
    assert {job["id"] for job in listed} == {done["id"], tickets["id"]}
    PermissionProfile.objects.filter(pk=user.permission_profile_id).update(
        asset_management=Level.NONE
    )
    assert client.get(done["download"], **headers).status_code == 404
    listed = client.get(EXPORTS, **headers).json()["results"]
    assert [job["id"] for job in listed] == [tickets["id"]]  # not the list it lost
    refused = _start(client, headers, list="assets:product_list", kind="csv")
    assert refused.status_code == 404
    unknown = _start(client, headers, list="no:such_list", kind="csv")
    assert unknown.status_code == 404
    bad_kind = _start(client, headers, list="forticare:all_tickets", kind="pdf")
    assert bad_kind.status_code == 400 and "kind" in bad_kind.json()["error"]["fields"]
    assert ExportJob.objects.count() == 2


def test_the_partner_exports_its_aggregated_list(world, client):
    own = AccountFactory(company_name="Reseller One")
    Partner.objects.filter(pk=world.partner.pk).update(account=own)
    world.partner_user.refresh_from_db()
    profile = ProfileFactory(account=own, asset_management=Level.READ_ONLY)
    user, secret = api_user(
        own, world.partner_user, "exporter", permission_profile=profile, partner_api=True
    )
    headers = bearer(client, user, secret)
    unit_a = make_asset(world.account_a)
    make_asset(world.account_b)  # not connected
    url = "/api/v1/partner/exports/"
    done = _finished(
        client, headers, _start(client, headers, url, list="assets:product_list", kind="csv")
    )
    assert done["download"].startswith("http://testserver/api/v1/partner/exports/")
    rows = csv_rows(client.get(done["download"], **headers))
    assert [row[0] for row in rows[1:]] == [unit_a.serial_number]
    # The same job is not the account context's.
    assert client.get(f"{EXPORTS}{done['id']}/", **headers).status_code == 404


def test_a_file_gone_from_the_store_is_not_found(world, client):
    """A done job whose file was deleted from the store answers 404, never a 500; HEAD gives
    the download's headers alone, and 404 too when the file is gone."""
    _user, headers, done = _owner_s_product_list(world, client, "csv")
    head, got = client.head(done["download"], **headers), client.get(done["download"], **headers)
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Length"] == str(len(b"".join(got.streaming_content)))
    assert head["Content-Disposition"] == got["Content-Disposition"]
    storages["exports"].delete(ExportJob.objects.get().file_name)
    assert client.get(done["download"], **headers).status_code == 404
    assert client.head(done["download"], **headers).status_code == 404
