"""Deployment settings and the security headers every page carries."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured

from forticloud.settings_postgres import planner_options

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def run_manage(*args, **env_vars):
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "forticloud.settings", **env_vars}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_deploy_check_passes_with_only_the_three_required_variables(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="portal.example.com",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_the_portal_refuses_to_start_without_a_secret_key_when_debug_is_off(tmp_path):
    result = run_manage(
        "check", DJANGO_ALLOWED_HOSTS="x.example", DATABASE_URL=f"sqlite:///{tmp_path}/db"
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "variable, value",
    [("DJANGO_PG_RANDOM_PAGE_COST", "1,1"), ("DJANGO_PG_EFFECTIVE_CACHE_SIZE", "64MB -c x=1")],
)
def test_a_planner_setting_postgresql_would_refuse_stops_the_start(monkeypatch, variable, value):
    for name in ("DJANGO_PG_RANDOM_PAGE_COST", "DJANGO_PG_EFFECTIVE_CACHE_SIZE"):
        monkeypatch.delenv(name, raising=False)
    env = environ.Env()
    assert planner_options(env) == "-c effective_cache_size=64MB -c random_page_cost=1.1"
    monkeypatch.setenv("DJANGO_PG_RANDOM_PAGE_COST", "")  # empty: the server's own
    assert planner_options(env) == "-c effective_cache_size=64MB"
    monkeypatch.setenv(variable, value)
    with pytest.raises(ImproperlyConfigured, match=f"{variable}={value!r} is not a valid"):
        planner_options(env)


def test_security_headers(client):
    response = client.get("/login/", secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    nonce = re.search(r"script-src 'self' 'nonce-([^']+)'", policy).group(1)
    scripts = re.findall(r"<script[^>]*>", response.text)
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)


def test_each_response_gets_a_fresh_nonce(client):
    first = client.get("/login/")["Content-Security-Policy"]
    second = client.get("/login/")["Content-Security-Policy"]
    assert first != second


def test_session_and_csrf_cookies_are_locked_down(world, client, post, settings):
    from tests.factories import PASSWORD

    response = post("/login/", {"email": world.owner_a.email, "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    from forticloud import settings as production

    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.CSRF_COOKIE_HTTPONLY


def test_plain_http_is_redirected_except_for_health_checks(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/login/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/login/"
    assert client.get("/healthz").status_code == 200


def test_templates_have_no_inline_scripts_styles_or_event_handlers():
    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        if re.search(r"\son[a-z]+\s*=", text) or re.search(r"\sstyle\s*=", text):
            offenders.append(template.name)
        if re.search(r"<script(?![^>]*\ssrc=)[^>]*>", text) or "<style" in text:
            offenders.append(template.name)
        if "hx-on" in text:
            offenders.append(template.name)
    assert offenders == []


def test_healthz_answers_without_login_or_session(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "sessionid" not in response.cookies
    assert "no-cache" in response["Cache-Control"]
