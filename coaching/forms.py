"""The order form: what a client fills in to order a profile."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from coaching.models import Order
from profiles.analysis import WorkingHours, WorkingHoursError

WEEKDAYS = [("Mon", "Monday"), ("Tue", "Tuesday"), ("Wed", "Wednesday"), ("Thu", "Thursday"),
            ("Fri", "Friday"), ("Sat", "Saturday"), ("Sun", "Sunday")]  # fmt: skip


class OrderForm(forms.Form):
    history = forms.FileField(
        label="Your post history",
        help_text=(
            "The file your platform gave you, unchanged: the X/Twitter archive (.zip), a Mastodon or "
            "LinkedIn export, or a CSV / JSON Lines file. Up to {limit} MB."
        ),
        error_messages={
            "required": "Choose the file to profile: your X archive (.zip) or another export listed below.",
            "empty": "The file you chose is empty: download your archive again and upload the new file.",
        },
    )
    product = forms.ChoiceField(
        label="Which profile?",
        choices=Order.Product.choices,
        widget=forms.RadioSelect,
        initial=Order.Product.SELF_SERVE,
        help_text="Self-serve: your report as soon as the analysis ends. Coached: a coach reviews it and adds "
        "notes first, within {days} working days.",
    )
    timezone = forms.CharField(
        label="Your time zone",
        max_length=64,
        initial="Europe/London",
        help_text="e.g. Europe/London",
        # Preselected from the browser by static/js/voiceprint.js.
        widget=forms.TextInput(attrs={"data-browser-timezone": "", "autocomplete": "off"}),
    )
    working_days = forms.MultipleChoiceField(
        choices=WEEKDAYS, initial=["Mon", "Tue", "Wed", "Thu", "Fri"], widget=forms.CheckboxSelectMultiple
    )
    working_from = forms.TimeField(
        label="Your working day starts at", initial="09:00", widget=forms.TimeInput(attrs={"type": "time"})
    )
    working_to = forms.TimeField(label="and ends at", initial="17:00", widget=forms.TimeInput(attrs={"type": "time"}))
    role = forms.CharField(label="Your role", max_length=200, required=False, help_text="e.g. police inspector")
    goals = forms.CharField(
        label="What do you want from social media?", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    consent = forms.BooleanField(
        label="I agree that Voiceprint processes the posts in this file to write my profile.",
        error_messages={"required": "Please agree to the processing of your posts: we cannot profile them otherwise."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        limit = settings.HISTORY_UPLOAD_MAX_BYTES // 1024**2
        self.fields["history"].help_text = self.fields["history"].help_text.format(limit=limit)
        self.fields["product"].help_text = self.fields["product"].help_text.format(
            days=settings.REVIEW_TURNAROUND_WORKING_DAYS
        )

    def clean_history(self) -> Any:
        upload = self.cleaned_data["history"]
        if upload.size > settings.HISTORY_UPLOAD_MAX_BYTES:
            limit = settings.HISTORY_UPLOAD_MAX_BYTES // 1024**2
            raise forms.ValidationError(f"{upload.name} is larger than {limit} MB, the largest file we accept.")
        return upload

    def working_hours(self) -> str:
        """The working days and hours as the analysis reads them, e.g. "Mon-Fri 09:00-17:00"."""
        days = ",".join(self.cleaned_data["working_days"])
        start, end = self.cleaned_data["working_from"], self.cleaned_data["working_to"]
        return ", ".join(f"{day} {start:%H:%M}-{end:%H:%M}" for day in days.split(","))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if not cleaned.get("working_days"):
            self.add_error("working_days", "Choose at least one working day.")
            return cleaned
        try:
            WorkingHours.parse(self.working_hours())
        except WorkingHoursError:
            self.add_error("working_to", "Your working day must end after it starts.")
        return cleaned


# --- The client's name: asked at sign-up (allauth's ACCOUNT_SIGNUP_FORM_CLASS), changed on the account page


class NameField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            label="Your name",
            max_length=150,
            required=False,
            strip=True,
            help_text="As it should appear on the cover of your reports; you can change it later.",
            widget=forms.TextInput(attrs={"autocomplete": "name"}),
            **kwargs,
        )


class SignupForm(forms.Form):
    """The fields allauth's sign-up form adds to its own (e-mail address and password)."""

    name = NameField()

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data.get("name", "").split())

    def signup(self, request: Any, user: Any) -> None:
        # allauth's hook, called once the new account is saved: the name is the one field of ours
        # it does not store itself. (Forms sit beside services in coaching's layers, so the
        # account page's service is not called from here; this is the same one-field write.)
        user.name = self.cleaned_data.get("name", "")
        user.save(update_fields=["name"])


class AccountForm(forms.Form):
    name = NameField()
