"""The Product List's sort keys on the asset rows (Asset.product_model_name, .company_name)
follow a renamed product model or account: the rename queues a task that copies the new name
to its assets (a big account's assets are more rows than a web request should update)."""

from django.db.models.signals import post_save, pre_save
from django.tasks import task

from iam.models import Account

from .models import Asset, ProductModel

# The name field of each renamed model, and the asset fields that copy it.
COPIES = {
    ProductModel: ("name", "product_model", "product_model_name"),
    Account: ("company_name", "account", "company_name"),
}


@task()
def sort_keys_copy(model_label: str, pk: int) -> int:
    """Copy the name of ``model_label`` ``pk`` to its assets; returns how many changed."""
    model = next(model for model in COPIES if model._meta.label == model_label)
    name_field, asset_relation, asset_field = COPIES[model]
    name = model.objects.filter(pk=pk).values_list(name_field, flat=True).first()
    if name is None:
        return 0
    assets = Asset.objects.filter(**{f"{asset_relation}_id": pk})
    return assets.exclude(**{asset_field: name}).update(**{asset_field: name})


def _note_rename(sender, instance, update_fields=None, **kwargs):
    name_field = COPIES[sender][0]
    instance._sort_key_renamed = (
        not instance._state.adding
        and (update_fields is None or name_field in update_fields)
        and sender.objects.filter(pk=instance.pk)
        .exclude(**{name_field: getattr(instance, name_field)})
        .exists()
    )


def _queue_copy(sender, instance, **kwargs):
    if getattr(instance, "_sort_key_renamed", False):
        sort_keys_copy.enqueue(sender._meta.label, instance.pk)


def connect() -> None:
    for model in COPIES:
        pre_save.connect(_note_rename, sender=model, dispatch_uid=f"sort-keys-{model}")
        post_save.connect(_queue_copy, sender=model, dispatch_uid=f"sort-keys-queue-{model}")
