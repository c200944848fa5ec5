"""IAM in the REST API: the Users page's principals, as the page lists them."""

from forticloud.web.api import ListEndpoint, list_schema

from ..lists import USERS
from .serializers import PrincipalSerializer


@list_schema(USERS, PrincipalSerializer)
class UserList(ListEndpoint):
    declaration = USERS
    serializer_class = PrincipalSerializer
