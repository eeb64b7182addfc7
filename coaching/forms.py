"""The order form: what a client fills in to order a profile."""

from __future__ import annotations

from functools import cache
from typing import Any
from zoneinfo import available_timezones

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from coaching.models import Order
from profiles.analysis import WorkingHours, WorkingHoursError
from profiles.ingest.timezones import RAILS_TO_IANA, iana_zone

WEEKDAYS = [("Mon", "Monday"), ("Tue", "Tuesday"), ("Wed", "Wednesday"), ("Thu", "Thursday"),
            ("Fri", "Friday"), ("Sat", "Saturday"), ("Sun", "Sunday")]  # fmt: skip


@cache
def timezone_suggestions() -> tuple[tuple[str, str], ...]:
    """(value, label) for the time zone list: X's own names ("Berlin") first, then every IANA zone."""
    named = tuple((name, f"{name} ({zone})") for name, zone in sorted(RAILS_TO_IANA.items()))
    # "Etc/GMT+5" and friends read backwards (it is UTC-5) and "posix/…" duplicates: not offered.
    iana = tuple(
        (zone, zone)
        for zone in sorted(available_timezones())
        if "/" in zone and not zone.startswith(("Etc/", "posix/", "right/", "SystemV/"))
    )
    return named + iana


class TimezoneInput(forms.TextInput):
    """A text box with a <datalist> of zones: the browser filters it as the client types, no script needed."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> str:
        list_id = f"{(attrs or {}).get('id') or name}_choices"
        box = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join("", '<option value="{}">{}</option>', timezone_suggestions())
        return format_html('{}<datalist id="{}">{}</datalist>', box, list_id, options)


class OrderForm(forms.Form):
    # Carries the file kept from an earlier submission that came back with an error
    # (coaching/services/held_uploads.py). First in the form: the upload handler reads the fields
    # sent before the file, and the view needs it if the file is stopped at the size limit.
    upload_token = forms.CharField(required=False, widget=forms.HiddenInput)
    history = forms.FileField(
        label="Your post history",
        help_text=(
            "The file your platform gave you, unchanged: the X/Twitter archive (.zip), a Mastodon or "
            "LinkedIn export, or a CSV / JSON Lines file. Up to {limit} MB."
        ),
        # Not required by the field: a file held from an earlier submission stands in for it (clean()).
        required=False,
        error_messages={
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
        help_text="Type a city or a zone and pick it from the list, e.g. Berlin, Pacific Time (US & Canada) or "
        "Europe/Kyiv.",
        # Preselected from the browser by static/js/voiceprint.js.
        widget=TimezoneInput(attrs={"data-browser-timezone": ""}),
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

    def __init__(self, *args: Any, held_file_name: str = "", held_file_problem: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # The name of the file kept from the previous submission, shown instead of asking for it again.
        self.held_file_name = held_file_name
        # Why a file named by upload_token cannot be used (expired, another client's), shown instead of "choose".
        self.held_file_problem = held_file_problem
        self.fields["consent"].label = format_html(
            'I agree that {} processes the posts in this file to write my profile, as its <a href="{}">privacy '
            'notice</a> describes, and accept its <a href="{}">terms</a>.',
            settings.SITE_NAME,
            reverse("privacy"),
            reverse("terms"),
        )
        limit = settings.HISTORY_UPLOAD_MAX_BYTES // 1024**2
        self.fields["history"].help_text = self.fields["history"].help_text.format(limit=limit)
        self.fields["product"].help_text = self.fields["product"].help_text.format(
            days=settings.REVIEW_TURNAROUND_WORKING_DAYS
        )

    def clean_history(self) -> Any:
        upload = self.cleaned_data["history"]
        if upload is None:
            if not self.held_file_name:
                raise forms.ValidationError(
                    self.held_file_problem
                    or "Choose the file to profile: your X archive (.zip) or another export listed below."
                )
            return None
        if upload.size > settings.HISTORY_UPLOAD_MAX_BYTES:
            limit = settings.HISTORY_UPLOAD_MAX_BYTES // 1024**2
            raise forms.ValidationError(f"{upload.name} is larger than {limit} MB, the largest file we accept.")
        return upload

    def clean_timezone(self) -> str:
        """The IANA name of the zone, from it or from one of X's names for it ("Berlin")."""
        typed = self.cleaned_data["timezone"].strip()
        zone = iana_zone(typed) or iana_zone(typed.replace(" ", "_"))
        if not zone:
            raise forms.ValidationError(
                f'We do not know the time zone "{typed}": pick yours from the list, e.g. Berlin or Europe/Berlin.'
            )
        return zone

    def working_hours(self) -> str:
        """The working days and hours as the analysis reads them, e.g. "Mon-Fri 09:00-17:00"."""
        days = ",".join(self.cleaned_data["working_days"])
        start, end = self.cleaned_data["working_from"], self.cleaned_data["working_to"]
        return ", ".join(f"{day} {start:%H:%M}-{end:%H:%M}" for day in days.split(","))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # Each check that can run does, so every error is shown on the first submit.
        if "working_days" in self.errors or "working_from" in self.errors or "working_to" in self.errors:
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


class AccountCloseForm(forms.Form):
    password = forms.CharField(
        label="Your password, to confirm",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Type your password to confirm that you want your account closed."},
    )
    confirm = forms.BooleanField(
        label="I understand that my orders, reports, posts and files are deleted for good.",
        error_messages={"required": "Tick the box to confirm that everything is to be deleted."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
