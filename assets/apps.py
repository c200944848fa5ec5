from django.apps import AppConfig


class AssetsConfig(AppConfig):
    name = "assets"
    verbose_name = "Asset Management"

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(create_product_catalog, sender=self)

        from . import dashboard, sort_keys  # noqa: F401 (dashboard registers its panel)

        sort_keys.connect()

        from iam.signals import units_moved

        units_moved.connect(recount_after_move)

        from iam.permissions import Portal
        from iam.portal_homes import portal_home_register

        portal_home_register(Portal.ASSET_MANAGEMENT, "assets:product_list")


def recount_after_move(sender, *, account_id, **kwargs):
    from .coverage import coverage_recount_request

    coverage_recount_request([account_id])


def create_product_catalog(sender, **kwargs):
    from .catalog import product_catalog_ensure

    product_catalog_ensure()
