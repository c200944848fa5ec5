from django import forms

from .models import Asset, AssetFolder, ProductModel


class RegisterForm(forms.Form):
    serial = forms.CharField(label="Serial Number", max_length=32)
    product_model = forms.ModelChoiceField(
        label="Product Model", queryset=ProductModel.objects.all(), empty_label="Select a model"
    )
    description = forms.CharField(max_length=255, required=False)
    folder = forms.ModelChoiceField(
        label="Folder", queryset=AssetFolder.objects.none(), required=False
    )
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


class FolderForm(forms.Form):
    name = forms.CharField(label="Folder Name", max_length=100)


class MoveForm(forms.Form):
    assets = forms.ModelMultipleChoiceField(queryset=Asset.objects.none())
    target = forms.ModelChoiceField(
        label="Move to", queryset=AssetFolder.objects.none(), required=False
    )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assets"].queryset = Asset.objects.visible_to(access).in_service()
        self.fields["target"].queryset = AssetFolder.objects.visible_to(access)
        self.fields["target"].empty_label = "My Assets"
