"""The World's finished exports (one per context, each its user's own), a task result,
FortiCare's staff content, an OU of another organization and an API user of account A."""

from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from oauth2_provider.models import AccessToken, Application

from forticare.models import Bulletin, ResourceLink
from iam.models import (
    Account,
    ExportJob,
    ExternalIdpRole,
    IdentityProvider,
    MemberInvitation,
    Organization,
    OrganizationalUnit,
    OrganizationMember,
    OutboxMail,
    PermissionProfile,
    User,
)
from iam.permissions import Level, Resource, ResourceLevel, ScopeType
from iam.tasks import export_write

from .world_renewals import renewal_samples
from .world_sub_users import sub_user_samples


def _done_export(user, context, list_name):
    job = ExportJob.objects.create(
        user=user,
        context=context,
        list_name=list_name,
        kind=ExportJob.Kind.CSV,
        status=ExportJob.Status.DONE,
        download_name="matrix-export.csv",
        expires_at=timezone.now() + settings.EXPORT_RETENTION,
    )
    job.file_name = storages["exports"].save(f"{job.pk}/matrix.csv", ContentFile(b"Time\r\n"))
    job.save(update_fields=["file_name"])
    return job


def export_samples(owner_a, partner_user) -> dict:
    """``export_a``: owner_a's Audit Log export in account A; ``export_partner``: the partner
    user's Bug Tracker export visiting as Partner; ``task_result``: a queued task."""
    queued = export_write.enqueue("00000000-0000-0000-0000-000000000000")
    return {
        "export_a": _done_export(owner_a, f"a-{owner_a.account_id}", "iam:audit_log"),
        "export_partner": _done_export(partner_user, "partner", "forticare:bugs"),
        "task_result": DBTaskResult.objects.get(pk=queued.id),
    }


def staff_content_samples() -> dict:
    """A Resources link and a published Customer Support Bulletin (staff keep both in admin)."""
    link = ResourceLink.objects.create(
        section=ResourceLink.Section.RESOURCES, title="Matrix link", url="https://docs.example/"
    )
    bulletin = Bulletin.objects.create(
        number="CSB-MATRIX", title="Matrix bulletin", body="-", published_at=timezone.now()
    )
    return {"resource_link": link, "bulletin": bulletin}


def _organization_user(root, username, unit):
    profile = PermissionProfile.objects.create(
        account=root,
        name=f"Profile of {username}",
        type=ScopeType.ORGANIZATION,
        **dict.fromkeys(["asset_management", "forticare", "iam"], Level.ADMIN),
        **{resource.value: ResourceLevel.READ_WRITE for resource in Resource},
    )
    user = User.objects.create(
        kind=User.Kind.IAM, account=root, username=username, permission_profile=profile
    )
    user.scope_units.set([unit])
    return user


def _api_user(account, name, profile, folder=None, **fields):
    user = User.objects.create(
        kind=User.Kind.API,
        account=account,
        username=name,
        permission_profile=profile,
        scope_folder=folder,
        **fields,
    )
    Application.objects.create(
        user=user,
        name=f"Matrix {name}",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret="matrix-secret-that-is-hashed",
    )
    return user


def api_user_samples(world) -> dict:
    """API users with their OAuth 2.0 clients: ``api_target`` of account A (Asset Management,
    FortiCare and IAM Read/Write, every resource Read-Write, inside Branch Offices as the
    scoped IAM user), ``api_no_am`` of A (FortiCare Read Only), ``api_b`` of account B (both
    Read Only over B), ``api_partner`` of the partner's own account (both Read Only); an
    export of each of ``api_target`` and ``api_partner``."""

    def profile(account, name, **levels):
        return PermissionProfile.objects.create(account=account, name=name, **levels)

    read_only = dict.fromkeys(["asset_management", "forticare"], Level.READ_ONLY)
    writes = dict.fromkeys(["asset_management", "forticare", "iam"], Level.READ_WRITE)
    target = profile(
        world.account_a,
        "Matrix API",
        **writes,
        **{resource.value: ResourceLevel.READ_WRITE for resource in Resource},
    )
    tickets_only = profile(world.account_a, "Matrix API tickets", forticare=Level.READ_ONLY)
    api_target = _api_user(world.account_a, "matrix-api", target, world.branch)
    api_partner = _api_user(
        world.partner_hq,
        "matrix-api-partner",
        profile(world.partner_hq, "P", **read_only),
        partner_api=True,
    )
    return {
        "api_target": api_target,
        "api_no_am": _api_user(world.account_a, "matrix-api-no-am", tickets_only),
        "api_b": _api_user(
            world.account_b, "matrix-api-b", profile(world.account_b, "B", **read_only)
        ),
        "api_partner": api_partner,
        # Their finished exports: of All Tickets in A, of the partner's Product List.
        "export_api": _done_export(api_target, f"a-{world.account_a.pk}", "forticare:all_tickets"),
        "export_api_partner": _done_export(api_partner, "partner", "assets:product_list"),
    }


def api_token(world, name: str) -> str:
    """A live bearer token of the World's API user ``name`` (made directly: the token endpoint
    has its own tests)."""
    user = getattr(world, name)
    raw = f"matrix-token-{name}"
    AccessToken.objects.create(
        user=user,
        application=Application.objects.get(user=user),
        token=raw,
        expires=timezone.now() + timedelta(hours=1),
        scope="api",
    )
    return raw


def organization_samples(root) -> dict:
    """An OU, a member and an open invitation of the organization whose root is ``root``
    (not account A): ``ou_elsewhere``, ``member_elsewhere``, ``invitation_elsewhere``."""
    Account.objects.filter(pk=root.pk).update(kind=Account.Kind.ROOT)
    organization = Organization.objects.create(root=root, name="Elsewhere Org")
    unit = OrganizationalUnit.objects.create(
        organization=organization, name="Elsewhere OU", path="", depth=1
    )
    unit.path = f"/{unit.pk}/"
    unit.save(update_fields=["path"])
    member = Account.objects.create(company_name="Elsewhere Member", kind=Account.Kind.MEMBER)
    invited = Account.objects.create(company_name="Elsewhere Invited")
    other = OrganizationalUnit.objects.create(
        organization=organization, name="Elsewhere Other", path="", depth=1
    )
    other.path = f"/{other.pk}/"
    other.save(update_fields=["path"])
    org_inside = _organization_user(root, "matrix-org-inside", unit)
    return {
        "ou_elsewhere": unit,
        # IAM users of the root with a full Organization-type profile: one scoped to the OU
        # account A joins in the organization personas (personas.a_joins_organization), one
        # to another OU. The first has an export of the organization view.
        "org_inside": org_inside,
        "export_org": _done_export(org_inside, f"o-{root.pk}", "assets:product_list"),
        "org_outside": _organization_user(root, "matrix-org-outside", other),
        "member_elsewhere": OrganizationMember.objects.create(
            account=member, organization=organization, unit=unit
        ),
        "invitation_elsewhere": MemberInvitation.objects.create(
            organization=organization,
            account=invited,
            token_hash="0" * 64,
            expires_at=timezone.now() + timedelta(days=5),
        ),
    }


def idp_samples(world) -> dict:
    """Account A's identity provider (unreachable: nothing here calls it) and its roles:
    ``idp_role_target`` inside Branch East, ``idp_role_out`` over Data Center, and the role
    ``idp_scoped`` acts through, with iam_scoped's levels over Branch Offices."""
    provider = IdentityProvider(account=world.account_a, issuer="http://127.0.0.1:9", client_id="m")
    provider.client_secret = "matrix"
    provider.saved_by = world.owner_a  # roles added later stay within the owner's grants
    provider.save()

    def role(name, profile, folder):
        return ExternalIdpRole.objects.create(
            account=world.account_a,
            name=name,
            claim_value=name,
            permission_profile=profile,
            scope_folder=folder,
        )

    mine = role("matrix-idp-self", world.iam_scoped.permission_profile, world.branch)
    idp_user = User.objects.create(
        kind=User.Kind.EXTERNAL,
        account=world.account_a,
        username="matrix-idp-subject",
        idp_role=mine,
        idp_claims=[mine.claim_value],
    )
    return {
        "idp_role_self": mine,
        "idp_role_target": role("matrix-idp-target", world.p_small, world.branch_east),
        "idp_role_out": role("matrix-idp-out", world.p_small, world.data_center),
        "idp_scoped": idp_user,
    }


def samples_once_users_exist(world) -> dict:
    """Every sample made once the World's users are: the exports and a task result, staff
    content, another account's organization, an API user of A."""
    samples = export_samples(world.owner_a, world.partner_user) | staff_content_samples()
    samples |= organization_samples(world.account_c) | api_user_samples(world)
    outbox = OutboxMail.objects.create(to="x@example.test", subject="Matrix mail", body="-")
    samples |= idp_samples(world) | sub_user_samples(world) | renewal_samples(world)
    return samples | {"outbox_mail": outbox}
