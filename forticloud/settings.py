"""Settings, read from the environment (see README, "Configuration").

Secure by default: with DJANGO_DEBUG unset the portal refuses to start without a secret key and
sends HSTS, secure cookies and a strict Content-Security-Policy.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.csp import CSP

from .settings_postgres import planner_options
from .settings_storage import exports_storage

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env(
        "DJANGO_SECRET_KEY", default="dev-only-secret-key-not-for-production-use-0123456789"
    )
else:
    SECRET_KEY = env("DJANGO_SECRET_KEY")

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "forticloud.web.admin_site.PortalAdminConfig",  # Django admin, refusing ids that are not ids
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "forticloud.web",  # before django_tasks_db: its db_worker command wakes on a queued task
    "django_tasks_db",
    "oauth2_provider",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # the API docs page's Swagger UI, served from our own host
    "forticloud.devdata",
    "iam",
    "partners",
    "assets",
    "forticare",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "iam.auth.sessions.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "iam.middleware.AccessMiddleware",
    "forticloud.errors.PortalErrorPagesInDebug",  # only with DEBUG
]

ROOT_URLCONF = "forticloud.urls"
WSGI_APPLICATION = "forticloud.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "iam.context_processors.navigation",
            ],
        },
    },
]

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
CACHES = {  # "fragments": pages' pieces kept under every value they show ({% cache %})
    "default": {"BACKEND": LOCMEM},
    "fragments": {"BACKEND": LOCMEM, "LOCATION": "fragments", "OPTIONS": {"MAX_ENTRIES": 1000}},
}

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work beside a writer; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue on the busy timeout instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    options = DATABASES["default"].setdefault("OPTIONS", {})
    if planner := planner_options(env):  # forticloud/settings_postgres.py
        options["options"] = planner
    # Off by default: prepared statements save planning the access queries' joins on every
    # page (about 2 ms of an aggregated list), but after five runs PostgreSQL may keep a generic
    # plan, and for a Bug Tracker word search that plan took 170 ms instead of 21
    # (tests/perf/HISTORY.md).
    if env.bool("DJANGO_PG_PREPARED_STATEMENTS", default=False):
        options["server_side_binding"] = True
        options["prepare_threshold"] = env.int("DJANGO_PG_PREPARE_THRESHOLD", default=2)

# The few access queries every page runs (a partner's roles) are prepared statements on
# PostgreSQL (forticloud/web/compiled.py). Off for a pooler that cannot keep them (PgBouncer
# before 1.21 in transaction mode).
PG_PREPARE_ACCESS_QUERIES = env.bool("DJANGO_PG_PREPARE_ACCESS_QUERIES", default=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "iam.User"
AUTHENTICATION_BACKENDS = ["iam.auth.backends.PortalBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"

# Email is the login of owners, sub users, partner users and staff, and unique among them (a
# conditional database constraint); IAM users log in with account + username instead, so the
# column as a whole cannot be unique. The backend looks users up by kind, never by email alone.
SILENCED_SYSTEM_CHECKS = ["auth.W004"]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions: server-side rows, killed at logout; idle and absolute limits enforced by
# iam.auth.sessions.SessionTimeoutMiddleware on every request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_IDLE_TIMEOUT = timedelta(minutes=env.int("DJANGO_SESSION_IDLE_MINUTES", default=30))
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=env.int("DJANGO_SESSION_ABSOLUTE_HOURS", default=12))
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # htmx reads the token from the page, never from the cookie

# Failed logins (iam.auth.throttle, OWASP's device cookies). A browser that logged in as a login
# before presents a signed device cookie for it and is limited only by its own failures
# (PER_DEVICE). Other browsers are limited per (address, login), per address (high enough for
# an office NAT) and per login from anywhere, so a stranger cannot lock the owner's own
# browsers out. Every lock ends WINDOW after the failures that caused it.
LOGIN_THROTTLE = {
    "WINDOW": timedelta(minutes=env.int("DJANGO_LOGIN_THROTTLE_MINUTES", default=15)),
    "PER_DEVICE": 5,
    "PER_USER_AND_IP": 5,
    "PER_IP": env.int("DJANGO_LOGIN_THROTTLE_PER_IP", default=300),
    "PER_USER": 20,
    "DEVICE_COOKIE": "fc_device",
    "DEVICE_COOKIE_AGE": timedelta(days=365),
    "DEVICE_COOKIE_LOGINS": 5,  # logins remembered per browser, the most recent first
}
# Number of reverse proxies in front of the portal whose X-Forwarded-For entries are trusted.
NUM_PROXIES = env.int("DJANGO_NUM_PROXIES", default=0)

# HTTPS. Behind a TLS-terminating proxy set DJANGO_SECURE_PROXY_SSL_HEADER=1 (the proxy sets
# X-Forwarded-Proto) and, if the proxy already redirects, DJANGO_SECURE_SSL_REDIRECT=0.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env.bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.com:587; default: the local MTA, or
# the console in debug.
_email = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
_smtp_options = {
    "host": _email.get("EMAIL_HOST"),
    "port": _email.get("EMAIL_PORT"),
    "username": _email.get("EMAIL_HOST_USER"),
    "password": _email.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _email.get("EMAIL_USE_TLS"),
    "use_ssl": _email.get("EMAIL_USE_SSL"),
    "timeout": env.int("EMAIL_TIMEOUT", default=30),  # a send holds its outbox row's lock
}
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": {k: v for k, v in _smtp_options.items() if v not in (None, "")}
        if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="FortiCloud <noreply@localhost>")
# The portal's address as people reach it, for links in mail (no request to ask).
PORTAL_URL = env("PORTAL_URL", default="http://127.0.0.1:8000")
# The hour (local time) of the daily renewal notices run (assets.renewal_notices).
RENEWAL_NOTICE_HOUR = env.int("RENEWAL_NOTICE_HOUR", default=6)
# Tries of an outbox mail before it is marked failed (iam.services.mail: 1, 5, 15, 60, 180
# minutes apart).
MAIL_ATTEMPTS = env.int("MAIL_ATTEMPTS", default=6)

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "forticloud.web.static_files.StaticFilesStorage"},
    # Export files: a local folder, or an object store every machine reaches (settings_storage).
    "exports": exports_storage(env, folder=str(BASE_DIR / "var/exports")),
}
# How long an export file is kept for its owner to download.
EXPORT_RETENTION = timedelta(hours=env.int("DJANGO_EXPORT_RETENTION_HOURS", default=24))

# Background work (exports): Django's Tasks framework with the database as the queue. Run
# `manage.py db_worker` beside the web server; several workers share one PostgreSQL.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

MESSAGE_STORAGE = "django.contrib.messages.storage.fallback.FallbackStorage"

# The password every demo identity gets from `manage.py seed_demo`.
DEMO_PASSWORD = env("DEMO_PASSWORD", default="forticloud-demo")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # oauthlib's debug lines carry the tokens it issues: never below WARNING, whatever the
    # root level (tests/iam/test_api_users.py reads the log at DEBUG).
    "loggers": {name: {"level": "WARNING"} for name in ("oauthlib", "oauth2_provider")},
}

# External IdP roles: the key of the client secrets at rest (empty: derived from SECRET_KEY),
# and whether a provider may be plain http (a provider on this machine in development).
IDP_SECRET_KEY = env("IDP_SECRET_KEY", default="")
IDP_ALLOW_HTTP = env.bool("IDP_ALLOW_HTTP", default=DEBUG)
# The demo's local OpenID provider (`make run` starts it; seed_demo points the demo account at it).
DEMO_IDP_URL = env("DEMO_IDP_URL", default="http://127.0.0.1:9400")

# API users' OAuth 2.0, the REST API and its OpenAPI contract.
from .settings_api import (  # noqa: E402, F401
    API_RATE_LIMIT,
    OAUTH2_PROVIDER,
    REST_FRAMEWORK,
    SPECTACULAR_SETTINGS,
)
