"""FortiCare in the REST API: All Tickets (the page's filters, sort and cursor), a ticket with
its comments, Create Ticket, a comment, Close. The page's forms validate the input and its
services make the changes; a write the profile does not allow is a 404, as on the pages."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from forticloud.web.api import ListEndpoint, list_schema, request_body, valid_form
from iam.api.authentication import PartnerEndpoint
from iam.permissions import Level, Portal

from .. import services
from ..forms import CommentForm, TicketForm
from ..lists import ALL_TICKETS, BUG_TRACKER
from ..models import Ticket
from .serializers import (
    BugSerializer,
    CommentCreateSerializer,
    TicketCreateSerializer,
    TicketDetailSerializer,
    TicketSerializer,
)


def _ticket(request, pk, *, work=False):
    access = request.access
    if not access.can(Portal.FORTICARE, Level.READ_WRITE if work else Level.READ_ONLY):
        raise exceptions.NotFound()
    tickets = Ticket.objects.visible_to(access).prefetch_related("comments")
    return get_object_or_404(tickets, pk=pk)


def _detail(ticket, created=False):
    code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return Response(TicketDetailSerializer(ticket).data, status=code)


@list_schema(ALL_TICKETS, TicketSerializer)
class TicketList(ListEndpoint):
    declaration = ALL_TICKETS
    serializer_class = TicketSerializer

    @extend_schema(
        operation_id="forticare_ticket_create",
        request=TicketCreateSerializer,
        responses={201: TicketDetailSerializer},
    )
    def post(self, request):
        access = request.access
        if not services.may_work(access):
            raise exceptions.NotFound()
        partner = services.acting_as_partner(access)
        form = valid_form(TicketForm(request_body(request), access=access, partner=partner))
        ticket = services.ticket_create(access=access, **form.cleaned_data)
        return _detail(ticket, created=True)


class TicketDetail(APIView):
    @extend_schema(operation_id="forticare_ticket", responses={200: TicketDetailSerializer})
    def get(self, request, pk):
        return _detail(_ticket(request, pk))


class TicketComment(APIView):
    @extend_schema(
        operation_id="forticare_ticket_comment",
        request=CommentCreateSerializer,
        responses={201: TicketDetailSerializer},
    )
    def post(self, request, pk):
        ticket = _ticket(request, pk, work=True)
        body = valid_form(CommentForm(request_body(request))).cleaned_data["body"]
        services.comment_add(access=request.access, ticket=ticket, body=body)
        return _detail(_ticket(request, pk), created=True)


class TicketClose(APIView):
    @extend_schema(
        operation_id="forticare_ticket_close", request=None, responses={200: TicketDetailSerializer}
    )
    def post(self, request, pk):
        ticket = _ticket(request, pk, work=True)
        services.ticket_close(access=request.access, ticket=ticket)
        return _detail(_ticket(request, pk))


@list_schema(ALL_TICKETS, TicketSerializer, prefix="partner_")
class PartnerTicketList(PartnerEndpoint, ListEndpoint):
    """All Tickets of Visit as Partner: the connected customers' tickets the roles grant."""

    declaration = ALL_TICKETS
    serializer_class = TicketSerializer


@list_schema(BUG_TRACKER, BugSerializer)
class BugList(PartnerEndpoint, ListEndpoint):
    """The Bug Tracker, the partners' (the page's search, sort and cursor)."""

    declaration = BUG_TRACKER
    serializer_class = BugSerializer
