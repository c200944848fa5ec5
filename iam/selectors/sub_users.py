"""Reads of My Account > Manage User: the account's sub users, and the units a master user
may assign (the master user sees every unit of its account)."""

from django.db.models import Count, Q

from ..models import User

UNIT_CHOICES_SHOWN = 50
# The units model, as the field names it (iam imports no other app).
Unit = User._meta.get_field("assigned_units").related_model


def sub_users(access):
    """The account's sub users, for its master user only (fails closed)."""
    if access is None or not access.is_master_user:
        return User.objects.none()
    return User.objects.filter(account=access.account, kind=User.Kind.SUB)


def sub_user_rows(access):
    """The rows of Current Users, with how many units each Limited Access sub user has."""
    return sub_users(access).annotate(unit_count=Count("assigned_units"))


def assignable_units(access):
    """The units the master user sees (its whole account), in service or not: through the one
    access decision, as every list."""
    if access is None or not access.is_master_user:
        return Unit.objects.none()
    return Unit.objects.visible_to(access)


def unit_choices(access, q: str, chosen=()):
    """Up to UNIT_CHOICES_SHOWN units matching ``q`` (serial number, model or description),
    not among ``chosen``, for the searchable multi-select."""
    units = assignable_units(access).exclude(pk__in=list(chosen))
    if q:
        units = units.filter(
            Q(serial_number__icontains=q)
            | Q(product_model__name__icontains=q)
            | Q(description__icontains=q)
        )
    units = units.select_related("product_model").order_by("serial_number")
    return list(units[:UNIT_CHOICES_SHOWN])
