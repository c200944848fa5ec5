"""The Users page: every principal of the account (IAM and API users, External IdP roles,
Partner roles) in one list."""

from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce

from forticloud.web.compiled import CompiledValues, compiled_queryset_among, run_prepared

from .. import grants
from ..models import ExternalIdpRole, PartnerRole, User
from ..models.scoping import visible_account

PRINCIPAL_TYPES = {
    "iam": "IAM User",
    "api": "API User",
    "idp_role": "External IdP Role",
    "partner_role": "Partner Role",
}


PRINCIPAL_STATUSES = dict(PartnerRole.Status.choices)  # IAM users are active or disabled


PRINCIPAL_COLUMNS = [
    "row_id",
    "principal",
    "title",
    "summary",
    "type_label",
    "profile_name",
    "scope_name",
    "status_label",
    "partner_name",
]


def _status_label(field: str):
    return Case(
        *[When(**{field: key}, then=Value(label)) for key, label in PRINCIPAL_STATUSES.items()],
        default=Value(""),
    )


def principal_list(access, *, q: str = "", type: str = "", status: str = ""):
    """Rows (dicts) of the Users page for ``access``'s account, filtered (the list sorts).
    Without search words the UNION is compiled once per type, status and sort."""
    if type not in PRINCIPAL_TYPES:
        type = ""  # an unknown type lists every principal, as no type does
    if status not in PRINCIPAL_STATUSES:
        status = ""
    account = visible_account(access)
    if account is None:  # fails closed, as visible_to does
        return _principals(lambda model: model.objects.none(), type, status, q)
    if q:
        return _principals(lambda model: model.objects.of_account(account), type, status, q)
    return CompiledValues(_principals_of, account, (type, status))


def _principals_of(account_id: int, type: str, status: str, order: tuple):
    """The principals of the account ``account_id`` (checked by ``principal_list``)."""
    principals = _principals(lambda model: model.objects.of_account(account_id), type, status)
    return principals.order_by(*order)


def _principals(rows_of, type: str, status: str, q: str = ""):
    users = (
        rows_of(User)
        .filter(kind__in=[User.Kind.IAM, User.Kind.API])
        .annotate(
            row_id=F("pk"),
            principal=Value("user"),
            title=F("username"),
            summary=F("description"),
            type_label=Case(
                When(kind=User.Kind.IAM, then=Value("IAM User")), default=Value("API User")
            ),
            profile_name=Case(
                When(user_group__isnull=False, then=F("user_group__permission_profile__name")),
                default=Coalesce(F("permission_profile__name"), Value("")),
            ),
            scope_name=Case(
                When(
                    user_group__isnull=False,
                    then=Coalesce(F("user_group__scope_folder__name"), Value("MyAssets")),
                ),
                default=Coalesce(F("scope_folder__name"), Value("MyAssets")),
            ),
            status_key=Case(
                When(is_active=True, then=Value(PartnerRole.Status.ACTIVE.value)),
                default=Value(PartnerRole.Status.DISABLED.value),
            ),
            partner_name=Value(""),
        )
        .annotate(status_label=_status_label("status_key"))
    )
    roles = rows_of(PartnerRole).annotate(
        row_id=F("pk"),
        principal=Value("partner_role"),
        title=F("name"),
        summary=F("description"),
        type_label=Value("Partner Role"),
        profile_name=Coalesce(F("permission_profile__name"), Value("")),
        scope_name=Coalesce(F("scope_folder__name"), Value("MyAssets")),
        status_label=_status_label("status"),
        partner_name=Coalesce(F("partner__company_name"), Value("")),
    )
    idp_roles = rows_of(ExternalIdpRole).annotate(
        row_id=F("pk"),
        principal=Value("idp_role"),
        title=F("name"),
        summary=F("description"),
        type_label=Value("External IdP Role"),
        profile_name=F("permission_profile__name"),
        scope_name=Coalesce(F("scope_folder__name"), Value("MyAssets")),
        status_label=_status_label("status"),
        partner_name=Value(""),
    )
    if q:
        users = users.filter(Q(username__icontains=q) | Q(description__icontains=q))
        roles = roles.filter(Q(name__icontains=q) | Q(description__icontains=q))
        idp_roles = idp_roles.filter(Q(name__icontains=q) | Q(description__icontains=q))
    if status:
        users = users.filter(status_key=status)
        roles = roles.filter(status=status)
        idp_roles = idp_roles.filter(status=status)
    parts = []
    if type in ("", "iam", "api"):
        parts.append(users.filter(kind=type) if type else users)
    if type in ("", "idp_role"):
        parts.append(idp_roles)
    if type in ("", "partner_role"):
        parts.append(roles)
    parts = [part.values(*PRINCIPAL_COLUMNS) for part in parts]
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


def changeable_principals(access, rows) -> dict[str, set[int]]:
    """Of the Users page rows shown, those ``access`` may change (iam.grants.may_change), by
    kind: a query for each kind the page shows, compiled once per number of rows."""
    ids = {"user": set(), "partner_role": set(), "idp_role": set()}
    for row in rows:
        ids[row["principal"]].add(row["row_id"])
    account = visible_account(access)
    return {
        key: {row.pk for row in _shown(account, ids[kind], kind) if grants.may_change(access, row)}
        for kind, key in (("user", "users"), ("partner_role", "roles"), ("idp_role", "idp_roles"))
    }


def _shown(account_id: int | None, ids: set[int], kind: str) -> list:
    if not ids or account_id is None:
        return []
    rows = compiled_queryset_among(_changeable_rows, account_id, sorted(ids), kind)
    return run_prepared(lambda: list(rows))


def _changeable_rows(account_id: int, ids: list[int], kind: str):
    """The principals ``ids`` of ``kind`` in the account, with what may_change reads."""
    if kind == "user":
        users = User.objects.of_account(account_id).filter(kind__in=[User.Kind.IAM, User.Kind.API])
        return users.filter(pk__in=ids).select_related(*grants.USER_GRANT_RELATIONS)
    model = PartnerRole if kind == "partner_role" else ExternalIdpRole
    roles = model.objects.of_account(account_id).filter(pk__in=ids)
    return roles.select_related("permission_profile", "scope_folder")
