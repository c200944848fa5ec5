"""IAM in the REST API: the Users page's principals, the user groups and permission profiles
(read), and IAM users: add, disable, enable. The page's form validates the input and the
services make the changes (no one hands out more than they hold); a user the API user may not
change is a 404, as on the pages."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from forticloud.web.api import (
    ListEndpoint,
    list_schema,
    request_body,
    results_of,
    valid_form,
    whole_list,
)

from .. import grants
from ..forms.users import IamUserForm
from ..lists import USERS
from ..models import PermissionProfile, User, UserGroup
from ..permissions import Level, Portal
from ..services import users as services
from .serializers import (
    GroupSerializer,
    IamUserCreateSerializer,
    IamUserSerializer,
    PrincipalSerializer,
    ProfileSerializer,
)


def _require_iam(request, level=Level.READ_ONLY):
    if not request.access.can(Portal.IAM, level):
        raise exceptions.NotFound()


def _user(request, pk, *, change=False):
    _require_iam(request, Level.READ_WRITE if change else Level.READ_ONLY)
    users = User.objects.visible_to(request.access).filter(kind__in=services.SIGNED_IN_KINDS)
    user = get_object_or_404(users.select_related(*grants.USER_GRANT_RELATIONS), pk=pk)
    if change and not grants.may_change(request.access, user):
        raise exceptions.NotFound()
    return user


@list_schema(USERS, PrincipalSerializer)
class UserList(ListEndpoint):
    declaration = USERS
    serializer_class = PrincipalSerializer

    @extend_schema(
        operation_id="iam_user_create",
        request=IamUserCreateSerializer,
        responses={201: IamUserSerializer},
    )
    def post(self, request):
        _require_iam(request, Level.READ_WRITE)
        data = request_body(request)
        data["password_confirm"] = data.get("password", "")  # a program does not mistype
        form = valid_form(IamUserForm(data, access=request.access))
        user = services.iam_user_create(
            access=request.access,
            password=form.cleaned_data["password"],
            **form.service_fields(),
        )
        return Response(IamUserSerializer(user).data, status=status.HTTP_201_CREATED)


class UserDetail(APIView):
    @extend_schema(operation_id="iam_user", responses={200: IamUserSerializer})
    def get(self, request, pk):
        return Response(IamUserSerializer(_user(request, pk)).data)


class UserDisable(APIView):
    active = False

    @extend_schema(
        operation_id="iam_user_disable", request=None, responses={200: IamUserSerializer}
    )
    def post(self, request, pk):
        user = _user(request, pk, change=True)
        user = services.iam_user_set_active(access=request.access, user=user, active=self.active)
        return Response(IamUserSerializer(user).data)


class UserEnable(UserDisable):
    active = True

    @extend_schema(operation_id="iam_user_enable", request=None, responses={200: IamUserSerializer})
    def post(self, request, pk):
        return super().post(request, pk)


class GroupList(APIView):
    @extend_schema(
        operation_id="iam_groups", responses={200: results_of(GroupSerializer, "GroupPage")}
    )
    def get(self, request):
        _require_iam(request)
        groups = UserGroup.objects.visible_to(request.access)
        return whole_list(
            groups.select_related("permission_profile", "scope_folder"), GroupSerializer
        )


class ProfileList(APIView):
    @extend_schema(
        operation_id="iam_profiles", responses={200: results_of(ProfileSerializer, "ProfilePage")}
    )
    def get(self, request):
        _require_iam(request)
        profiles = PermissionProfile.objects.visible_to(request.access)
        return whole_list(profiles.order_by("-builtin", "name"), ProfileSerializer)
