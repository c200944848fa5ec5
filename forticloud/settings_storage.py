"""Where export files are kept (README, "Running on several machines"): a local folder, or an
S3-compatible object store every web server and worker reaches (django-storages)."""

from django.core.exceptions import ImproperlyConfigured

FOLDER = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"
# django-storages' settings, read from variables of the same names; the credentials are
# boto3's own (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the machine's role).
S3_VARIABLES = {
    "AWS_STORAGE_BUCKET_NAME": "bucket_name",
    "AWS_S3_ENDPOINT_URL": "endpoint_url",  # another S3-compatible store (MinIO, Ceph, …)
    "AWS_S3_REGION_NAME": "region_name",
    "AWS_S3_ADDRESSING_STYLE": "addressing_style",
    "AWS_LOCATION": "location",  # a folder of the bucket
}

# Seconds to connect to the store and of silence while reading; attempts of a call in all.
STORE_CONNECT_TIMEOUT = 5
STORE_READ_TIMEOUT = 5
STORE_ATTEMPTS = 3


def exports_storage(env, folder: str) -> dict:
    """The "exports" entry of STORAGES: DJANGO_EXPORTS_STORAGE's class (the local ``folder``,
    or DJANGO_EXPORTS_ROOT, by default), with its options from the environment."""
    backend = env("DJANGO_EXPORTS_STORAGE", default=FOLDER)
    if backend == FOLDER:
        return {
            "BACKEND": backend,
            "OPTIONS": {"location": env("DJANGO_EXPORTS_ROOT", default=folder)},
        }
    if backend != S3:
        return {"BACKEND": backend, "OPTIONS": {}}  # a class that reads its own settings
    options = {
        option: env(variable)
        for variable, option in S3_VARIABLES.items()
        if env(variable, default="")
    }
    if "bucket_name" not in options:
        raise ImproperlyConfigured(
            f"DJANGO_EXPORTS_STORAGE={S3} needs AWS_STORAGE_BUCKET_NAME, the bucket of the files"
        )
    # A download waits on the store in a thread of the web server: one that does not answer
    # fails it within 15 s (three attempts of 5 s), where botocore's defaults (60 s to connect
    # and of silence, five attempts) held the thread for minutes. The worker's uploads and
    # deletes retry as often.
    from botocore.config import Config  # with django-storages' S3 backend (the s3 extra)

    options["client_config"] = Config(
        s3={"addressing_style": options.pop("addressing_style", "auto")},
        connect_timeout=STORE_CONNECT_TIMEOUT,
        read_timeout=STORE_READ_TIMEOUT,
        retries={"mode": "standard", "total_max_attempts": STORE_ATTEMPTS},
    )
    # No ACL is sent (buckets made since 2023 refuse them): the bucket's own, private unless
    # made public. Only the portal reads the files; its download view checks the access.
    return {"BACKEND": backend, "OPTIONS": options}
