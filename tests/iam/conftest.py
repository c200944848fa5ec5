"""Fixtures of the IAM tests: an account owner logged in, Local scopes under account A, and the
object stores of the export files (moto's S3 server, and stores that fail)."""

import socket
import subprocess
import sys
import threading
import time
from http.server import ThreadingHTTPServer

import boto3
import environ
import pytest

from forticloud.settings_storage import S3, exports_storage
from iam.permissions import Level
from tests.factories import FolderFactory, IamUserFactory, ProfileFactory
from tests.mail import free_port

from .object_stores import BUCKET, RefusingStore


@pytest.fixture
def admin_a(world, client):
    client.force_login(world.owner_a)
    return world.owner_a


@pytest.fixture
def folders(world):
    return {
        "branch": FolderFactory(account=world.account_a, name="Branch Offices"),
        "dc": FolderFactory(account=world.account_a, name="Data Center"),
    }


@pytest.fixture
def scoped_admin(world, folders):
    profile = ProfileFactory(
        account=world.account_a, iam=Level.READ_WRITE, asset_management=Level.READ_ONLY
    )
    return IamUserFactory(
        account=world.account_a, permission_profile=profile, scope_folder=folders["branch"]
    )


@pytest.fixture
def org(world):
    """Account A as the root of an organization with OUs and member accounts (see
    organization_helpers.organization_build)."""
    from .organization_helpers import organization_build

    return organization_build(world)


@pytest.fixture
def s3_endpoint(monkeypatch):
    """moto's S3 server in a process of its own, as an object store is (so what this process
    holds is the portal's alone)."""
    port = free_port()
    command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    for name, value in {
        "AWS_ACCESS_KEY_ID": "portal",
        "AWS_SECRET_ACCESS_KEY": "portal-secret",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    endpoint = f"http://127.0.0.1:{port}"
    bucket = boto3.client("s3", endpoint_url=endpoint)
    bucket.create_bucket(Bucket=BUCKET)
    yield endpoint, bucket
    server.terminate()
    server.wait()


@pytest.fixture
def s3_exports(settings, monkeypatch, s3_endpoint):
    """Exports kept in the bucket, configured from the environment as the README says."""
    endpoint, bucket = s3_endpoint
    for name, value in {
        "DJANGO_EXPORTS_STORAGE": S3,
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_LOCATION": "exports",
    }.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, "exports": exports_storage(environ.Env(), "")}
    return bucket


@pytest.fixture
def refusing_endpoint():
    server = ThreadingHTTPServer(("127.0.0.1", 0), RefusingStore)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def silent_endpoint():
    """A store that takes connections and never answers (a hung proxy, a full server)."""
    server = socket.create_server(("127.0.0.1", 0))
    taken = []

    def take():
        while True:
            try:
                taken.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=take, daemon=True).start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", taken
    server.close()
    for connection in taken:
        connection.close()
