from django import forms

from forticloud.web.listing import IdParam, ListForm, ObjectChoiceField, ObjectMultipleChoiceField

from .models import Asset, AssetFolder, ProductModel
from .versions import firmware_clean


class RegisterForm(forms.Form):
    serial = forms.CharField(label="Serial Number", max_length=32)
    product_model = ObjectChoiceField(
        label="Product Model", queryset=ProductModel.objects.all(), empty_label="Select a model"
    )
    description = forms.CharField(max_length=255, required=False)
    firmware_version = forms.CharField(
        label="Firmware Version",
        max_length=16,
        required=False,
        help_text="The version the unit runs, such as 7.2.5: the Vulnerability List matches "
        "advisories to it.",
    )
    folder = ObjectChoiceField(label="Folder", queryset=AssetFolder.objects.none(), required=False)
    contract_code = forms.CharField(
        label="Contract Registration Code",
        max_length=32,
        required=False,
        help_text="Optional: a contract bought for this unit adds its entitlement.",
    )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["folder"].queryset = AssetFolder.objects.visible_to(access)
        self.fields["folder"].empty_label = (
            "My Assets" if access.scope_folder is None else access.scope_folder.name
        )

    def clean_firmware_version(self):
        return firmware_clean(self.cleaned_data["firmware_version"])


class FirmwareForm(forms.Form):
    """A unit's firmware version (empty: not known), as the unit's page and the API set it."""

    firmware_version = forms.CharField(label="Firmware Version", max_length=16, required=False)

    def clean_firmware_version(self):
        return firmware_clean(self.cleaned_data["firmware_version"])


class FolderForm(forms.Form):
    name = forms.CharField(label="Folder Name", max_length=100)


class FolderCreateForm(FolderForm):
    # The id of a folder the view fetches itself (visible_to: another account's is a 404).
    parent = IdParam()


class MyAssetsForm(ListForm):
    """The query of My Assets: the folder shown."""

    folder = IdParam()


class MoveForm(forms.Form):
    assets = ObjectMultipleChoiceField(queryset=Asset.objects.none())
    target = ObjectChoiceField(label="Move to", queryset=AssetFolder.objects.none(), required=False)

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assets"].queryset = Asset.objects.visible_to(access).in_service()
        self.fields["target"].queryset = AssetFolder.objects.visible_to(access)
        if access.scope_folder is None:
            self.fields["target"].empty_label = "My Assets"
        else:
            # My Assets itself is outside a Local scope: offer only the scope's folders.
            self.fields["target"].empty_label = None
            self.fields["target"].required = True
