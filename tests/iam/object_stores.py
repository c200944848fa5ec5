"""Object stores for the export files' tests: moto's S3 bucket (fixtures in conftest) and
stores that fail the portal."""

from http.server import BaseHTTPRequestHandler

import environ

from forticloud.settings_storage import exports_storage

BUCKET = "portal-exports"


def exports_at(settings, monkeypatch, endpoint):
    """The portal's exports kept in the bucket at ``endpoint``, configured as the README says."""
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", endpoint)
    settings.STORAGES = {**settings.STORAGES, "exports": exports_storage(environ.Env(), "")}


class RefusingStore(BaseHTTPRequestHandler):
    """An object store that refuses the portal every request, as S3 does with wrong
    credentials or a bucket policy that denies it."""

    def _refuse(self):
        body = b"<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"
        self.send_response(403)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_HEAD = _refuse

    def log_message(self, *args):
        pass
