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
    # Not required by the field: its error would repeat the whole acknowledgement text in the
    # form's error summary. clean() says it once, shortly.
    acknowledge = forms.BooleanField(label=ACKNOWLEDGEMENT, required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("acknowledge"):
            self.add_error(None, "Tick the acknowledgement to accept the Partner role.")
        return cleaned


class NotificationEmailForm(forms.Form):
    notification_email = forms.EmailField(label="Notification Email")
