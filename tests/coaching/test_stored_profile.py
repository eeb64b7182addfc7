"""The report's typed view of a stored profile: read when it is the version the report shows."""

from __future__ import annotations

import pytest

from coaching.stored_profile import REPORTED_PROFILE_VERSION, ProfileVersionError, StoredProfile
from tests.coaching.test_charts import _profile


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
