from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from profiles.models import Post, PostHistory
from tests.factories import UserFactory
from tests.profiles.formats import SAMPLES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("sample", SAMPLES.values(), ids=SAMPLES.keys())
def test_it_imports_each_format_and_prints_the_summary(tmp_path, capsys, sample):
    UserFactory(email="alice@example.org")
    path = sample.write(tmp_path)

    call_command("import_history", str(path), "--user", "alice@example.org")

    printed = capsys.readouterr().out
    assert f"format detected   {sample.format}" in printed
    assert f"posts             {sample.posts_total:,} (" in printed
    assert "date range        2024-03-01T09:00:00+00:00 to " in printed
    assert "skipped records   0" in printed
    assert "seconds taken" in printed
    assert PostHistory.objects.get().owner.email == "alice@example.org"
    assert Post.objects.count() == sample.posts_total


def test_importing_the_same_file_twice_changes_nothing(tmp_path, capsys):
    path = SAMPLES["x-archive"].write(tmp_path)
    call_command("import_history", str(path))
    counts = (PostHistory.objects.count(), Post.objects.count())

    call_command("import_history", str(path))

    assert "was already imported as history" in capsys.readouterr().out
    assert (PostHistory.objects.count(), Post.objects.count()) == counts


def test_it_lists_skipped_records_with_their_reasons(tmp_path, capsys):
    path = tmp_path / "posts.csv"
    path.write_text("id,created_at,text\n1,2024-03-01T09:00:00Z,fine\n,2024-03-01T09:00:00Z,no id\n")

    call_command("import_history", str(path))

    printed = capsys.readouterr().out
    assert "skipped records   1" in printed
    assert "posts.csv, line 3: no id" in printed


def test_an_unreadable_file_fails_with_the_clear_message(tmp_path):
    (tmp_path / "notes.txt").write_text("hello\n")

    with pytest.raises(CommandError, match=r"notes\.txt is not a format Voiceprint reads"):
        call_command("import_history", str(tmp_path / "notes.txt"))
    assert Post.objects.count() == 0


def test_it_names_a_missing_file_and_an_unknown_user(tmp_path):
    with pytest.raises(CommandError, match="is not a file"):
        call_command("import_history", str(tmp_path / "missing.zip"))
    (tmp_path / "posts.csv").write_text("id,created_at,text\n")
    with pytest.raises(CommandError, match=r"No user has the e-mail address nobody@example\.org"):
        call_command("import_history", str(tmp_path / "posts.csv"), "--user", "nobody@example.org")


def test_it_says_which_records_were_merged_and_which_dates_were_refused(tmp_path, capsys):
    path = tmp_path / "posts.csv"
    path.write_text(
        "id,created_at,text\n"
        + "".join(f"1,2024-03-01T09:00:00Z,version {n}\n" for n in range(300))
        + "2,1900-01-01T00:00:00Z,too old\n3,2100-01-01T00:00:00Z,not yet\n4,2024-03-02T09:00:00Z,fine\n"
    )

    call_command("import_history", str(path))

    printed = capsys.readouterr().out
    assert "posts             2 (2 original, 0 reply, 0 repost, 0 quote)" in printed
    assert "records read      303" in printed
    assert "duplicates        300 records shared 1 id and were merged into 1 post" in printed
    assert (
        "skipped records   2\n    of which 2 dated before 2006-03-21 (the first post on Twitter) or in the future"
        in printed
    )
    assert "posts.csv, line 302: post 2 is dated 1900-01-01, before the first post on Twitter (2006-03-21)" in printed
    assert "posts.csv, line 303: post 3 is dated 2100-01-01, in the future" in printed
    # The client's words say the same figures.
    assert "  1 post listed more than once in your file is counted once.\n" in printed
    assert "  2 posts dated before 2006-03-21 (the first post on Twitter) or in the future are left out.\n" in printed
    assert "could not be read" not in printed
