from django.apps import AppConfig


class IamConfig(AppConfig):
    name = "iam"
    verbose_name = "Identity & Access Management"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .auth import sessions  # noqa: F401 (connects the login signal)

        post_migrate.connect(create_builtin_profiles, sender=self)

        from django.db.models.signals import post_delete

        from .models import OrganizationMember
        from .services.members import membership_ended

        post_delete.connect(membership_ended, sender=OrganizationMember, dispatch_uid="member-kind")

        from .permissions import Portal
        from .portal_homes import portal_home_register

        portal_home_register(Portal.IAM, "iam:home")
        portal_home_register(Portal.ORGANIZATION, "organization:home")

        from .dashboard import dashboard_panel
        from .views.partner_roles import pending_role_panel

        dashboard_panel("partner_role")(pending_role_panel)


def create_builtin_profiles(sender, using="default", **kwargs):
    from .services.profiles import builtin_profiles_ensure

    builtin_profiles_ensure()
