from django import forms

GENERIC_LOGIN_ERROR = "The login details are incorrect, or the user is disabled."


class EmailLoginForm(forms.Form):
    email = forms.EmailField(
        label="Email", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class IamLoginForm(forms.Form):
    account = forms.CharField(
        label="Account ID/Alias",
        max_length=63,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    username = forms.CharField(
        label="Username", max_length=64, widget=forms.TextInput(attrs={"autocomplete": "username"})
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
