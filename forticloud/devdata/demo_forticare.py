"""Demo tickets and the Bug Tracker's 425 bugs (with the seed's example rows)."""

import datetime
import random

from django.utils import timezone

from forticare.models import Bug, Bulletin, ResourceLink, Ticket, TicketComment

SEED_BUGS = [
    (1164092, "All", "FortiOS", "7.2.12-1753", "acknowledged",
     "B1740: On NF7 platforms, a change in the destination MAC address or fib change may cause "
     "traffic to stop on certain interfaces"),
    (1161023, "", "FortiOS", "7.6.4-3564, 8.0.0-0026 0027", "resolved",
     "B2794: Groups of Wi-Fi clients are not retained after roaming to a different FAP"),
    (1160819, "", "FortiManager", "7.4.8-2696, 7.6.4-3527", "resolved",
     "B3524 - command 'system.local-in-policy' is not permitted if no valid license"),
    (1154383, "", "FortiManager", "7.6.4-3528", "resolved",
     'B3516 - Unable move policy package & move/delete folders. Error "cannot get pkg path"'),
    (1153119, "", "FortiManager", "7.4.7-2674, 7.6.4-3520", "resolved",
     "B3515: FortiManager (workspace mode) unable to Add FGT HA-Model device via API if "
     "included commit script"),
    (1152640, "", "FortiManager", "7.4.8-2698, 7.6.4-3527", "resolved",
     'Fail to install due to "Must set at least one port (default port=443) or enable ssl '
     'inspect-all" error'),
    (1151713, "", "FortiOS", "7.4.8-2793, 7.6.4-3543, 8.0.0-0010", "acknowledged",
     "B2726: FortiAP offline due to ERR: NO MEM for USER_LOCAL_MSG"),
    (947237, "", "FortiPortal", "7.0.7.0221, 7.2.1.1061, 7.2.2.1063", "resolved",
     "Multiple Issues Observed with Fortiportal 7.0.5"),
]  # fmt: skip
PORTAL_DESCRIPTION = (
    "1. Looks like the portal is sending all web traffic via the proxy, including the API calls "
    "to FAZ/FMG. 2. License update failed sometimes 3. CLI does not allow a host route (or even "
    "a route with /31 mask) to be added 4. It was not possible to add a second or third NTP "
    "server."
)
PROJECTS = [
    "FortiOS",
    "FortiOS",
    "FortiOS",
    "FortiManager",
    "FortiAnalyzer",
    "FortiAP",
    "FortiSwitch",
]
TOPICS = [
    "IPsec tunnel flaps after rekey",
    "SSL VPN portal slow to load bookmarks",
    "HA failover leaves sessions unsynchronised",
    "SNMP trap missing interface index",
    "Policy package install times out",
    "Log upload queue grows without bound",
    "FortiAP reboots under high client load",
    "GUI shows wrong interface speed",
    "SD-WAN rule ignores SLA target",
    "DNS filter blocks allowed domain",
]
DEMO_BUG_COUNT = 425


def demo_bugs_ensure() -> None:
    if Bug.objects.count() >= DEMO_BUG_COUNT:
        return
    rng = random.Random(425)  # noqa: S311 (repeatable demo data, not a secret)
    bugs = [
        Bug(
            number=number,
            category=category,
            project=project,
            known_fixed_releases=releases,
            status=status,
            summary=summary,
            description=PORTAL_DESCRIPTION if number == 947237 else "",
        )
        for number, category, project, releases, status, summary in SEED_BUGS
    ]
    for n in range(DEMO_BUG_COUNT - len(SEED_BUGS)):
        project = rng.choice(PROJECTS)
        major = rng.choice(["7.2", "7.4", "7.6", "8.0"])
        releases = ", ".join(
            f"{major}.{rng.randint(1, 12)}-{rng.randint(1000, 3999)}"
            for _ in range(rng.randint(0, 3))
        )
        bugs.append(
            Bug(
                number=1_000_000 + n * 397 % 160_000,
                category=rng.choice(["", "", "All", "GUI", "VPN", "Routing"]),
                project=project,
                known_fixed_releases=releases,
                status=rng.choice(["acknowledged", "resolved", "resolved", "assigned", "new"]),
                summary=f"B{rng.randint(1000, 3999)}: {rng.choice(TOPICS)}",
                description=f"Observed on {project} {major}. Workaround: restart the affected "
                "daemon until the fixed release is installed.",
            )
        )
    Bug.objects.bulk_create(bugs, ignore_conflicts=True)


def demo_tickets_ensure(account, owner, partner_user=None) -> None:
    if Ticket.objects.filter(account=account).exists():
        return
    rng = random.Random(account.pk)  # noqa: S311 (repeatable demo data, not a secret)
    now = timezone.now()
    units = list(account.assets.filter(decommissioned_at__isnull=True)[:10])
    subjects = ["Issue with network connectivity", "Issue", "RMA for failed power supply"]
    for n in range(6):
        created = now - datetime.timedelta(days=rng.randint(1, 300), hours=rng.randint(0, 23))
        closed = created + datetime.timedelta(days=rng.randint(1, 12)) if n % 2 else None
        ticket = Ticket.objects.create(
            account=account,
            asset=units[n] if units and n < len(units) else None,
            subject=subjects[n % 3],
            description="Traffic drops every few minutes on port2.",
            request_type=[Ticket.RequestType.CUSTOMER_SERVICE, Ticket.RequestType.RMA][n % 2],
            ticket_type=Ticket.TicketType.CUSTOMER,
            creator=owner,
            creator_label=owner.display_name,
            status=Ticket.Status.CLOSED if closed else Ticket.Status.OPEN,
            created_at=created,
            closed_at=closed,
        )
        TicketComment.objects.create(
            ticket=ticket, author_label="FortiCare Support", body="We are looking into it."
        )
    if partner_user is not None:
        for visibility in Ticket.Visibility.values:
            Ticket.objects.create(
                account=account,
                subject=f"Partner follow-up ({Ticket.Visibility(visibility).label})",
                description="Opened by the partner for this customer.",
                request_type=Ticket.RequestType.TECHNICAL_SUPPORT,
                ticket_type=Ticket.TicketType.PARTNER,
                visibility=visibility,
                partner=partner_user.partner,
                creator=partner_user,
                creator_label=partner_user.display_name,
                created_at=now - datetime.timedelta(days=rng.randint(1, 30)),
            )


DEMO_LINKS = [
    (ResourceLink.Section.RESOURCES, "Fortinet Document Library", "https://docs.fortinet.com/"),
    (ResourceLink.Section.RESOURCES, "Knowledge Base", "https://community.fortinet.com/"),
    (ResourceLink.Section.RESOURCES, "PSIRT Advisories", "https://www.fortiguard.com/psirt"),
    (
        ResourceLink.Section.DOWNLOADS,
        "Firmware Images",
        "https://support.fortinet.com/Download/FirmwareImages.aspx",
    ),
    (
        ResourceLink.Section.DOWNLOADS,
        "FortiClient",
        "https://www.fortinet.com/support/product-downloads",
    ),
]


def demo_general_sections_ensure() -> None:
    """FortiCare's Resources and Downloads links, two published bulletins and a draft."""
    for position, (section, title, url) in enumerate(DEMO_LINKS):
        ResourceLink.objects.update_or_create(
            section=section, title=title, defaults={"url": url, "position": position}
        )
    now = timezone.now()
    bulletins = [
        ("CSB-261015-1", "FortiGate 7.4.5 upgrade path", now - datetime.timedelta(days=45)),
        ("CSB-261120-1", "Certificate renewal for FortiGuard services", now),
        ("CSB-261201-1", "Draft: end of support reminders", None),
    ]
    for number, title, published_at in bulletins:
        Bulletin.objects.update_or_create(
            number=number,
            defaults={
                "title": title,
                "published_at": published_at,
                "body": f"{title}.\n\nCheck the affected units in your Product List.",
            },
        )
