import factory
from django.utils import timezone

from assets.models import AssetFolder
from forticare.models import Ticket
from iam.models import Account, PartnerRole, PermissionProfile, User, UserGroup
from partners.models import Partner

PASSWORD = "correct-horse-battery"


class AccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Account

    id = factory.Sequence(lambda n: 5_000_000 + n)
    company_name = factory.LazyAttribute(lambda a: f"Company {a.id}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    company_name = factory.Sequence(lambda n: f"Partner {n} Security")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    full_name = factory.Faker("name")

    @factory.post_generation
    def password(user, create, extracted, **kwargs):
        user.set_password(extracted or PASSWORD)
        if create:
            user.save(update_fields=["password"])


class EmailUserFactory(UserFactory):
    """A user who logs in with an email: a numbered one of its kind, e.g. owner3@example.test."""

    email = factory.LazyAttributeSequence(lambda user, n: f"{user.kind}{n}@example.test")


class OwnerFactory(EmailUserFactory):
    kind = User.Kind.OWNER
    account = factory.SubFactory(AccountFactory)


class IamUserFactory(UserFactory):
    kind = User.Kind.IAM
    username = factory.Sequence(lambda n: f"iam{n}")
    account = factory.SubFactory(AccountFactory)


class PartnerUserFactory(EmailUserFactory):
    kind = User.Kind.PARTNER
    partner = factory.SubFactory(PartnerFactory)


class StaffFactory(EmailUserFactory):
    kind = User.Kind.STAFF
    is_staff = True
    is_superuser = True


def builtin_profile(builtin):
    return PermissionProfile.objects.get(builtin=builtin)


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PermissionProfile

    account = factory.SubFactory(AccountFactory)
    name = factory.Sequence(lambda n: f"Profile {n}")


class FolderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssetFolder

    account = factory.SubFactory(AccountFactory)
    name = factory.Sequence(lambda n: f"Folder {n}")


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UserGroup

    account = factory.SubFactory(AccountFactory)
    name = factory.Sequence(lambda n: f"Group {n}")
    permission_profile = factory.SubFactory(
        ProfileFactory, account=factory.SelfAttribute("..account")
    )


class PartnerRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerRole

    account = factory.SubFactory(AccountFactory)
    partner = factory.SubFactory(PartnerFactory)
    name = "Partner Role"
    permission_profile = factory.LazyFunction(
        lambda: builtin_profile(PermissionProfile.Builtin.SYSADMIN)
    )
    status = PartnerRole.Status.ACTIVE
    connected_at = factory.LazyFunction(timezone.now)


class TicketFactory(factory.django.DjangoModelFactory):
    """A customer's technical-support ticket; about no unit unless given ``asset``."""

    class Meta:
        model = Ticket

    account = factory.SubFactory(AccountFactory)
    subject = factory.Sequence(lambda n: f"Ticket {n}")
    description = "-"
    request_type = Ticket.RequestType.TECHNICAL_SUPPORT
    ticket_type = Ticket.TicketType.CUSTOMER
    creator_label = "someone"
