from django.core.validators import RegexValidator
from rest_framework import serializers

from ..models import Bug, Ticket, TicketComment


class TicketSerializer(serializers.ModelSerializer):
    """A ticket as All Tickets shows it."""

    class Meta:
        model = Ticket
        fields = [
            "id",
            "subject",
            "request_type",
            "priority",
            "status",
            "ticket_type",
            "visibility",
            "account_id",
            "asset_id",
            "created_at",
            "closed_at",
            "creator_label",
        ]


class CommentSerializer(serializers.ModelSerializer):
    class Meta:
        model = TicketComment
        fields = ["author_label", "body", "created_at"]


class TicketDetailSerializer(TicketSerializer):
    comments = CommentSerializer(many=True, read_only=True)

    class Meta(TicketSerializer.Meta):
        fields = [*TicketSerializer.Meta.fields, "description", "comments"]


# Some text, no NUL byte: what the page's forms take.
TEXT = RegexValidator(r"^[^\x00]*\S[^\x00]*$")


class TicketCreateSerializer(serializers.Serializer):
    """The body of Create Ticket (for the schema: the page's form validates it)."""

    subject = serializers.CharField(max_length=200, validators=[TEXT])
    request_type = serializers.ChoiceField(choices=Ticket.RequestType.choices)
    priority = serializers.ChoiceField(choices=Ticket.Priority.choices)
    asset = serializers.IntegerField(required=False, allow_null=True, help_text="A unit id.")
    description = serializers.CharField(max_length=10_000, validators=[TEXT])
    visibility = serializers.ChoiceField(
        choices=Ticket.Visibility.choices, required=False, help_text="Partners only."
    )


class CommentCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=10_000, validators=[TEXT])


class BugSerializer(serializers.ModelSerializer):
    """A bug of the Bug Tracker."""

    class Meta:
        model = Bug
        fields = ["number", "category", "project", "known_fixed_releases", "status", "summary"]
