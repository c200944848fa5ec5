from django import forms
from django.contrib.auth.password_validation import validate_password


class NewPasswordForm(forms.Form):
    """A user's password as an administrator sets it: required when creating, else "Leave
    empty to keep"; twice; Django's password rules (mixed into a user's ModelForm)."""

    password = forms.CharField(
        label="Password",
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters, not common, not only digits.",
    )
    password_confirm = forms.CharField(
        label="Confirm Password",
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def password_fields_set(self, *, creating: bool) -> None:
        self.fields["password"].required = creating
        self.fields["password_confirm"].required = creating
        if not creating:
            self.fields["password"].label = "New Password"
            self.fields["password"].help_text = "Leave empty to keep the current password."

    def password_check(self, data: dict, user) -> None:
        """The two entries agree and pass the rules (which may compare it with ``user``)."""
        password = data.get("password")
        if not password:
            return
        if password != data.get("password_confirm"):
            self.add_error("password_confirm", "The two passwords do not match.")
            return
        try:
            validate_password(password, user=user)
        except forms.ValidationError as error:
            self.add_error("password", error)
