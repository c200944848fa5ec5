"""Settings for the test suite: the production settings with a fixed secret and fast hashing.

HTTPS redirects are off because the test client and the live server speak plain HTTP; the
deployment settings themselves are tested by running `check --deploy` on forticloud.settings.
"""

import os
import tempfile

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "tests-only-secret-key-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
)

from forticloud.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
IDP_ALLOW_HTTP = True  # the tests' OpenID provider serves plain http on loopback
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Export files of this run in a folder of their own, gone with the machine's temp files.
STORAGES["exports"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    # The environment carries the folder to the workers a test starts.
    "OPTIONS": {
        "location": os.environ.setdefault(
            "FORTICLOUD_TEST_EXPORTS", tempfile.mkdtemp(prefix="forticloud-exports-")
        )
    },
}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
STATIC_ROOT = None  # tests serve static files from the finders, nothing is collected
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: the concurrency tests need real locking between threads.
    # FORTICLOUD_TEST_DB names another file, so two runs can go at once.
    name = os.environ.get("FORTICLOUD_TEST_DB", "test-db.sqlite3")
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / name)}  # noqa: F405
