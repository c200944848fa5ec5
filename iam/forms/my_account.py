"""My Account's forms: name, email and password, each posted on its own."""

from django import forms
from django.contrib.auth.password_validation import validate_password

from ..models import User

PASSWORD_MAX = 4096  # as the login form: a longer one is no password but a hashing cost


class NameForm(forms.Form):
    full_name = forms.CharField(
        label="Name",
        max_length=User._meta.get_field("full_name").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


class EmailChangeForm(forms.Form):
    email = forms.EmailField(
        label="New Email",
        max_length=User._meta.get_field("email").max_length,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="We send a link to the new address; your email changes when you follow it.",
    )


class PasswordChangeForm(forms.Form):
    current_password = forms.CharField(
        label="Current Password",
        strip=False,
        max_length=PASSWORD_MAX,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password = forms.CharField(
        label="New Password",
        strip=False,
        max_length=PASSWORD_MAX,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters, not common, not only digits.",
    )
    new_password_confirm = forms.CharField(
        label="Confirm New Password",
        strip=False,
        max_length=PASSWORD_MAX,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        new, confirm = data.get("new_password"), data.get("new_password_confirm")
        if new and confirm and new != confirm:
            self.add_error("new_password_confirm", "The two new passwords do not match.")
        elif new:
            try:
                validate_password(new, self.user)
            except forms.ValidationError as error:
                self.add_error("new_password", error)
        return data


class NotificationsForm(forms.Form):
    """My Account > Notifications: the optional mail (security mail is always sent)."""

    renewal = forms.BooleanField(
        label="Renewal notices",
        required=False,
        help_text="A daily digest of the units whose coverage ends soon (the units you see).",
    )
