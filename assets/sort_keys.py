"""Sort keys kept on the rows of lists (Asset.product_model_name, .company_name; another app's
rows too, e.g. a ticket's company_name) follow a renamed product model or account: the rename
queues a task that copies the new name to those rows (a big account's rows are more than a web
request should update)."""

from django.db.models.signals import post_save, pre_save
from django.tasks import task

from iam.models import Account

from .models import Asset, ProductModel

# The name field of each renamed model, and the (model, relation, field) of each row that keeps
# a copy of it.
COPIES = {
    ProductModel: ("name", [(Asset, "product_model", "product_model_name")]),
    Account: ("company_name", [(Asset, "account", "company_name")]),
}


def copies_also(source, model, relation: str, field: str) -> None:
    """Keep ``model.field`` a copy of the name of the ``source`` its ``relation`` names: for
    an app that assets may not import (forticare's tickets), from its AppConfig.ready()."""
    copies = COPIES[source][1]
    if (model, relation, field) not in copies:
        copies.append((model, relation, field))


@task()
def sort_keys_copy(model_label: str, pk: int) -> int:
    """Copy the name of ``model_label`` ``pk`` to the rows that keep it; returns how many
    changed."""
    source = next(source for source in COPIES if source._meta.label == model_label)
    name_field, copies = COPIES[source]
    name = source.objects.filter(pk=pk).values_list(name_field, flat=True).first()
    if name is None:
        return 0
    changed = 0
    for model, relation, field in copies:
        rows = model.objects.filter(**{f"{relation}_id": pk})
        changed += rows.exclude(**{field: name}).update(**{field: name})
    return changed


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
