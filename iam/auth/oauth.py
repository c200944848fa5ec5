"""OAuth 2.0 for API users (django-oauth-toolkit, client credentials only): a client gets a
token only while its API user is active in an active account, and the token's user is that
API user, whose grant the API's ``request.access`` is built from on every request."""

from oauth2_provider.oauth2_validators import OAuth2Validator

from ..models import Account, User


def api_user_may_act(user: User | None) -> bool:
    return (
        user is not None
        and user.kind == User.Kind.API
        and user.is_active
        and user.account.status == Account.Status.ACTIVE
    )


class PortalOAuth2Validator(OAuth2Validator):
    def authenticate_client(self, request, *args, **kwargs):
        """The client's secret, and an API user that may act (disabled or of an inactive
        account: refused like a wrong secret)."""
        if not super().authenticate_client(request, *args, **kwargs):
            return False
        return api_user_may_act(request.client.user)

    def _create_access_token(self, expires, request, token, source_refresh_token=None):
        """A client credentials token belongs to the client's API user (the toolkit leaves it
        without a user): its grant is what the token may do, and ending the user's sessions
        (disable, delete, regenerate, its Partner role revoked) deletes it."""
        request.user = request.client.user
        return super()._create_access_token(expires, request, token, source_refresh_token)

    def validate_grant_type(self, client_id, grant_type, client, request, *args, **kwargs):
        return grant_type == "client_credentials" and super().validate_grant_type(
            client_id, grant_type, client, request, *args, **kwargs
        )
