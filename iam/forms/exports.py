"""What starts an export: which list, which format, and the list's query (filters, sort)."""

from django import forms

from ..models import ExportJob


class ExportForm(forms.Form):
    list = forms.CharField(max_length=64)
    kind = forms.ChoiceField(choices=ExportJob.Kind)
    query = forms.CharField(max_length=2000, required=False, strip=False)
