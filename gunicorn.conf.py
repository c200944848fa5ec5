"""gunicorn settings for production (`gunicorn -c gunicorn.conf.py forticloud.wsgi`).

Every page is short (long work runs on `manage.py db_worker`), so sync workers with a few
threads each and a short timeout; override any of these with GUNICORN_CMD_ARGS."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
timeout = 30  # no request may take longer: exports and imports are background jobs
graceful_timeout = 30
keepalive = 5
max_requests = 10_000  # recycle workers now and then, with jitter so not all at once
max_requests_jitter = 1_000
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # "" turns it off
errorlog = "-"
