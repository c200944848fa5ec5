"""Steps of the Partner role tests: a customer adds a role, a partner connects with its token."""

CONNECT = "/partner/account/connected-accounts/connect/"


def create_role(client, post, owner, profile, **extra):
    client.force_login(owner)
    data = {"name": "MSP access", "description": "", "scope_type": "local"}
    data |= {"permission_profile": profile.pk} | extra
    # The new token is shown on the page the form redirects to.
    return post(f"/a/{owner.account_id}/iam/users/new/partner-role/", data, follow=True)


def token_of(response):
    html = response.content.decode()
    start = html.index('id="partner-token" value="') + len('id="partner-token" value="')
    return html[start : html.index('"', start)]


def connect(client, post, partner_user, token, email="noc@partner.test", acknowledge=True):
    client.force_login(partner_user)
    data = {"step": "accept", "token": token, "notification_email": email}
    if acknowledge:
        data["acknowledge"] = "on"
    return post(CONNECT, data)
