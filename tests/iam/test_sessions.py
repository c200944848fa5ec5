import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from iam.auth.sessions import SESSION_LAST_SEEN, SESSION_STARTED
from iam.models import User

pytestmark = pytest.mark.django_db


def backdate(client, **seconds_ago):
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = int(time.time()) - ago
    session.save()


def test_logout_kills_the_session_on_the_server(world, client, post):
    client.force_login(world.owner_a)
    stolen_cookie = client.cookies["sessionid"].value

    response = post("/logout/")

    assert response.status_code == 303
    assert not Session.objects.filter(session_key=stolen_cookie).exists()
    thief = Client()
    thief.cookies["sessionid"] = stolen_cookie
    assert thief.get(f"/a/{world.account_a.pk}/")["Location"].startswith("/login/")


def test_logout_is_post_only(world, client):
    client.force_login(world.owner_a)
    assert client.get("/logout/").status_code == 405
    assert client.get(f"/a/{world.account_a.pk}/").status_code == 200


def test_logout_without_csrf_token_is_refused(world, client):
    client.force_login(world.owner_a)
    assert client.post("/logout/").status_code == 403
    assert client.get(f"/a/{world.account_a.pk}/").status_code == 200


def test_an_idle_session_ends(world, client):
    client.force_login(world.owner_a)
    backdate(client, **{SESSION_LAST_SEEN: 31 * 60})

    response = client.get(f"/a/{world.account_a.pk}/", follow=True)

    assert response.redirect_chain[0][0] == f"/login/?next=/a/{world.account_a.pk}/"
    assert "Your session has expired" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_activity_keeps_a_session_alive(world, client):
    client.force_login(world.owner_a)
    backdate(client, **{SESSION_LAST_SEEN: 29 * 60})
    assert client.get(f"/a/{world.account_a.pk}/").status_code == 200
    assert time.time() - client.session[SESSION_LAST_SEEN] < 5


def test_a_session_ends_after_the_absolute_limit_even_when_active(world, client):
    client.force_login(world.owner_a)
    backdate(client, **{SESSION_STARTED: 12 * 3600 + 60, SESSION_LAST_SEEN: 10})
    assert client.get(f"/a/{world.account_a.pk}/").status_code == 302


def test_timeouts_are_configurable(world, client, settings):
    settings.SESSION_IDLE_TIMEOUT = timedelta(minutes=5)
    client.force_login(world.owner_a)
    backdate(client, **{SESSION_LAST_SEEN: 6 * 60})
    assert client.get(f"/a/{world.account_a.pk}/").status_code == 302


def test_htmx_requests_of_an_expired_session_redirect_the_whole_page(world, client):
    client.force_login(world.owner_a)
    backdate(client, **{SESSION_LAST_SEEN: 31 * 60})
    response = client.get("/accounts/switch/", headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith("/login/")


def test_disabling_a_user_ends_their_open_session(world, client):
    client.force_login(world.owner_a)
    assert client.get(f"/a/{world.account_a.pk}/").status_code == 200
    User.objects.filter(pk=world.owner_a.pk).update(is_active=False)
    assert client.get(f"/a/{world.account_a.pk}/").status_code == 302
