from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Concat, Upper
from django.utils import timezone

from iam.permissions import Portal


class TicketQuerySet(models.QuerySet):
    def visible_to(self, access, *, within=None):
        """The tickets ``access`` may see, failing closed.

        The accounts it reaches for FortiCare (one account, or every connected one when
        visiting as Partner); a ticket about a unit follows the unit's folder scope, one with no
        unit follows the account. Customers do not see what a partner kept to itself ("partner
        only"); a partner sees the customers' tickets and its own.

        ``within`` replaces that reach, and is trusted: a part of it that the caller read with
        the same rule (the partner Dashboard's page of customers, ``with_open_tickets``), so
        that PostgreSQL need not build the reach of every role for 25 accounts. It must never
        be wider than ``access.reach(Portal.FORTICARE)``
        (tests/partners/test_dashboard_tickets.py)."""
        if access is None:
            return self.none()
        reach = within if within is not None else access.reach(Portal.FORTICARE)
        partner = access.role is not None or access.is_partner_visit
        return self.seen(reach, access.partner.pk if partner else None)

    def seen(self, reach, partner_id=None):
        """``visible_to``'s rule from its parts: the tickets ``reach`` holds that customers see
        and, with ``partner_id``, those that partner kept to itself."""
        tickets = self.filter(
            reach.condition(folder_path="asset__folder__path", unitless="asset", unit="asset_id")
        )
        shared = Q(visibility=Ticket.Visibility.PARTNER_AND_CUSTOMER)
        if partner_id is not None:
            return tickets.filter(shared | Q(partner_id=partner_id))
        return tickets.filter(shared)


class Ticket(models.Model):
    class RequestType(models.TextChoices):
        CUSTOMER_SERVICE = "customer_service", "Customer Service"
        TECHNICAL_SUPPORT = "technical_support", "Technical Support"
        RMA = "rma", "RMA"
        LICENSING = "licensing", "Registration & Licensing"

    class Priority(models.IntegerChoices):
        P1 = 1, "P1 - Critical"
        P2 = 2, "P2 - High"
        P3 = 3, "P3 - Medium"
        P4 = 4, "P4 - Low"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In Progress"
        CLOSED = "closed", "Closed"

    class TicketType(models.TextChoices):
        CUSTOMER = "customer", "Customer"
        PARTNER = "partner", "Partner"

    class Visibility(models.TextChoices):
        PARTNER_ONLY = "partner", "Partner only"
        PARTNER_AND_CUSTOMER = "all", "Partner and customer"

    account = models.ForeignKey("iam.Account", on_delete=models.CASCADE, related_name="tickets")
    asset = models.ForeignKey(
        "assets.Asset", null=True, blank=True, on_delete=models.RESTRICT, related_name="tickets"
    )
    subject = models.CharField(max_length=200)
    description = models.TextField(max_length=10_000)
    request_type = models.CharField("Request Type", max_length=24, choices=RequestType)
    priority = models.PositiveSmallIntegerField(choices=Priority, default=Priority.P3)
    status = models.CharField(max_length=16, choices=Status, default=Status.OPEN)
    ticket_type = models.CharField("Ticket Type", max_length=16, choices=TicketType)
    # Who may see it: a partner's ticket can be kept from the customer (Ticket Visibility).
    visibility = models.CharField(
        "Ticket Visibility",
        max_length=8,
        choices=Visibility,
        default=Visibility.PARTNER_AND_CUSTOMER,
    )
    partner = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.PROTECT, related_name="tickets"
    )
    creator = models.ForeignKey(
        "iam.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    creator_label = models.CharField(max_length=320)
    created_at = models.DateTimeField("Creation Date", default=timezone.now)
    closed_at = models.DateTimeField("Close Date", null=True, blank=True)
    # The Account column's sort key: a copy of the account's name, so a (key, id) index serves
    # that sort (none spans a joined table). Set on save; a renamed account is copied by a
    # task (assets.sort_keys), as the Product List's COMPANY.
    company_name = models.CharField(max_length=200, editable=False, default="", db_default="")

    objects = TicketQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["account", "created_at", "id"]),
            models.Index(fields=["created_at", "id"]),
            models.Index(fields=["closed_at", "id"]),
            models.Index(fields=["subject", "id"]),
            # Every other sort column's: without them a sort read and sorted every ticket.
            models.Index(fields=["request_type", "id"]),
            models.Index(fields=["ticket_type", "id"]),
            models.Index(fields=["visibility", "id"]),
            models.Index(fields=["company_name", "id"]),
            # Open and In Progress tickets per account (the Dashboards), read from the index.
            models.Index(
                fields=["account", "status", "visibility", "partner"],
                name="ticket_not_closed",
                condition=~Q(status="closed"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ticket_type="customer") | Q(partner__isnull=False),
                name="partner_tickets_name_their_partner",
            )
        ]

    def __str__(self):
        return f"{self.pk} {self.subject}"

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is None:  # a partial save keeps the account's name
            self.company_name = self.account.company_name
        super().save(*args, update_fields=update_fields, **kwargs)


class TicketComment(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        "iam.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_label = models.CharField(max_length=320)
    body = models.TextField(max_length=10_000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Comment on {self.ticket_id}"


def _upper(expression) -> models.GeneratedField:
    return models.GeneratedField(
        expression=Upper(expression), output_field=models.TextField(), db_persist=True
    )


class Bug(models.Model):
    """A bug tracked by the Global Technical Support organization (Bug Tracker, partners)."""

    STATUSES = ["new", "acknowledged", "assigned", "resolved", "closed"]

    number = models.PositiveIntegerField("BUG#", unique=True)
    category = models.CharField(max_length=64, blank=True)
    project = models.CharField(max_length=64)
    known_fixed_releases = models.CharField(
        "KNOWN FIXED RELEASE", max_length=255, blank=True, help_text="Comma-separated releases."
    )
    status = models.CharField(max_length=16, choices=[(s, s) for s in STATUSES])
    summary = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    # What a search word is compared with, kept in upper case (the text has a trigram index
    # on PostgreSQL, migration 0008): upper() of each row's texts while a search walks the
    # bugs in sort order cost more than the walk itself.
    search_text = _upper(Concat("summary", Value("\n"), "known_fixed_releases"))
    search_project = _upper("project")
    search_category = _upper("category")

    class Meta:
        ordering = ["-number"]
        # Each sort column with the id (keyset pages), and the search's exact matches.
        indexes = [
            models.Index(fields=["number", "id"]),
            models.Index(fields=["category", "id"]),
            models.Index(fields=["project", "id"]),
            models.Index(fields=["known_fixed_releases", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["summary", "id"]),
            models.Index(fields=["search_project"], name="bug_search_project"),
            models.Index(fields=["search_category"], name="bug_search_category"),
        ]

    def __str__(self):
        return f"{self.number} {self.summary}"

    @property
    def releases(self) -> list[str]:
        return [r.strip() for r in self.known_fixed_releases.split(",") if r.strip()]


class BugColumnChoice(models.Model):
    """The Bug Tracker columns a user chose to see (the column selector remembers it)."""

    user = models.OneToOneField("iam.User", on_delete=models.CASCADE, related_name="+")
    columns = models.JSONField(default=list)

    def __str__(self):
        return f"Bug Tracker columns of {self.user_id}"


class ResourceLink(models.Model):
    """A link staff publish in FortiCare's general sections: Resources (documents, the
    Knowledge Base, forums) or Downloads (firmware, clients, tools)."""

    class Section(models.TextChoices):
        RESOURCES = "resources", "Resources"
        DOWNLOADS = "downloads", "Downloads"

    section = models.CharField(max_length=16, choices=Section)
    title = models.CharField(max_length=200)
    url = models.URLField("URL", max_length=500, validators=[URLValidator(schemes=["https"])])
    description = models.CharField(max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")

    class Meta:
        ordering = ["section", "position", "title"]

    def __str__(self):
        return self.title


class BulletinQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__lte=timezone.now())


class Bulletin(models.Model):
    """A Customer Support Bulletin (CSB): staff write it in admin; it shows from its publication
    time on, newest first."""

    number = models.CharField("CSB number", max_length=32, unique=True)  # e.g. CSB-261128-1
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=20_000)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty: a draft nobody sees yet."
    )

    objects = BulletinQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return f"{self.number} {self.title}"
