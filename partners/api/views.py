"""The partner's own REST API (``/api/v1/partner/...``): Connected Accounts, as the page."""

from forticloud.web.api import ListEndpoint, list_schema
from iam.api.authentication import PartnerEndpoint

from ..lists import CONNECTED_ACCOUNTS
from .serializers import ConnectedAccountSerializer


@list_schema(CONNECTED_ACCOUNTS, ConnectedAccountSerializer)
class ConnectedAccounts(PartnerEndpoint, ListEndpoint):
    declaration = CONNECTED_ACCOUNTS
    serializer_class = ConnectedAccountSerializer
