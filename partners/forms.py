from django import forms

ACKNOWLEDGEMENT = (
    "I acknowledge that my company connects to this customer account with the permissions "
    "shown above, and that the customer can disable or delete this Partner role at any time."
)


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Token",
        max_length=200,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class AcceptForm(TokenForm):
    token = forms.CharField(widget=forms.HiddenInput, max_length=200)
    notification_email = forms.EmailField(
        label="Notification Email",
        help_text="Receives the renewal notification emails for this Partner role.",
    )
    acknowledge = forms.BooleanField(label=ACKNOWLEDGEMENT)


class NotificationEmailForm(forms.Form):
    notification_email = forms.EmailField(label="Notification Email")
