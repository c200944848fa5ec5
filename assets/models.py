from django.db import models, transaction
from django.db.models.functions import Lower

from iam.permissions import Level, Portal


class AssetFolderQuerySet(models.QuerySet):
    def visible_to(self, access):
        """The folders ``access`` may see: its account's, within its Local scope subtree.
        Fails closed: no Asset Management access, no folders."""
        if (
            access is None
            or access.account is None
            or not access.can(Portal.ASSET_MANAGEMENT, Level.READ_ONLY)
        ):
            return self.none()
        folders = self.filter(account=access.account)
        if access.scope_folder is not None:
            folders = folders.filter(path__startswith=access.scope_folder.path)
        return folders


class AssetFolder(models.Model):
    """A folder of "My Assets". ``path`` lists the ids from the top ("/3/7/") so a subtree is
    one prefix match: the Local permission scope is a folder and everything below it."""

    account = models.ForeignKey(
        "iam.Account", on_delete=models.CASCADE, related_name="asset_folders"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(max_length=100)
    path = models.CharField(max_length=1000, editable=False, db_index=True)

    objects = AssetFolderQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                "account",
                "parent",
                Lower("name"),
                name="unique_folder_name_per_parent",
                violation_error_message="A folder with this name already exists here.",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.parent_id and self.parent.account_id != self.account_id:
            raise ValueError("A folder's parent must be in the same account.")
        with transaction.atomic():
            super().save(*args, **kwargs)
            path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
            if path != self.path:
                self.path = path
                AssetFolder.objects.filter(pk=self.pk).update(path=path)
