"""The report's typed view of a stored profile: read when it is the version the report shows."""

from __future__ import annotations

import pytest

from coaching.stored_profile import REPORTED_PROFILE_VERSION, ProfileVersionError, StoredProfile
from profiles.analysis import AnalysisContext, WorkingHours, analyse
from tests.coaching.test_charts import _profile
from tests.profiles.analysis.factories import daily_posts


def test_a_profile_of_this_version_reads_with_every_section():
    view = StoredProfile.read(_profile())

    assert view.version == REPORTED_PROFILE_VERSION
    assert view.rhythm["timezone"] == "Europe/London"
    assert isinstance(view.findings, list)


@pytest.mark.parametrize(("change", "message"), [
    ({"version": None}, "of version unknown"),
    ({"version": REPORTED_PROFILE_VERSION + 1}, f"of version {REPORTED_PROFILE_VERSION + 1}"),
    ({"rhythm": None}, "lacks rhythm"),
])  # fmt: skip
def test_another_layout_is_refused_with_a_message_saying_what_to_do(change, message):
    with pytest.raises(ProfileVersionError, match=message) as refused:
        StoredProfile.read({**_profile(), **change})

    assert "Re-run the analysis" in str(refused.value)


def test_a_version_2_profile_with_strengths_activity_and_role_reads():
    context = AnalysisContext(
        timezone="Europe/London",
        working_hours=WorkingHours.parse("Mon-Fri 09:00-17:00"),
        role="family lawyer",
        goals="speaking invitations",
    )
    stored = analyse(daily_posts(40), context).profile.as_dict()

    view = StoredProfile.read(stored)

    assert view.version == REPORTED_PROFILE_VERSION == 2
    assert stored["role"]["text"] == "family lawyer"
    assert {"strengths", "activity"} <= stored.keys()
