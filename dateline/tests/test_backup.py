"""`manage.py backup` / `restore` round-trip a site on the embedded profile (the scale
profile's round trip, PostgreSQL into an empty cluster, is in test_scale_stack), and
refuse what would lose or mix data."""

from __future__ import annotations

import io
import json
import sqlite3
import tarfile

import pytest

from dateline.newsroom.tests.factories import article_for_test, edition_tree, photo_for_test

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

COUNT = (
    "import json; from dateline.newsroom.models import ArticlePage; "
    "from dateline.mediabank.models import Photo; "
    "print(json.dumps({'titles': sorted(ArticlePage.objects.values_list('title', flat=True)), "
    "'photo': Photo.objects.get().file.read().hex()}))"
)


def test_an_embedded_site_round_trips_into_a_new_database(manage_py, database_url, tmp_path):
    if not database_url.startswith("sqlite"):
        pytest.skip("the PostgreSQL round trip runs against the scale stack")
    tree = edition_tree()
    photo = photo_for_test()
    article_for_test(tree.sections["en-russia"], title="Kept across the restore", photo=photo)
    archive = tmp_path / "site.tar"
    manage_py("backup", str(archive), "-v0", extra_env={"DATELINE_VAR_DIR": str(tmp_path)})
    # The test database's media live in the test's MEDIA_ROOT: back that folder up.
    original = json.loads(manage_py("shell", "-c", COUNT).stdout.splitlines()[-1])

    restored_dir = tmp_path / "restored"
    restored = {
        "DATABASE_URL": f"sqlite:///{restored_dir / 'dateline.sqlite3'}",
        "DATELINE_VAR_DIR": str(restored_dir),
    }
    restored_dir.mkdir()
    result = manage_py("restore", str(archive), "-v0", extra_env=restored)
    assert "Restored the sqlite database" in result.stdout
    copy = json.loads(manage_py("shell", "-c", COUNT, extra_env=restored).stdout.splitlines()[-1])
    assert copy == original
    assert "Kept across the restore" in copy["titles"]


def test_restore_refuses_a_database_that_is_not_empty(manage_py, tmp_path):
    archive = tmp_path / "site.tar"
    manage_py("backup", str(archive), "-v0")
    with pytest.raises(AssertionError, match="not empty"):
        manage_py("restore", str(archive))


def test_restore_refuses_what_is_not_a_backup_and_paths_out_of_the_media_folder(
    manage_py, tmp_path
):
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"not a tar file")
    with pytest.raises(AssertionError, match="is not a Dateline backup"):
        manage_py("restore", str(junk))

    evil = tmp_path / "evil.tar"
    manifest = json.dumps(
        {"format": 1, "engine": "sqlite", "database_bytes": 0, "media_files": 1, "media_bytes": 1}
    ).encode()
    with tarfile.open(evil, "w") as archive:
        for name, data in (
            ("dateline-backup.json", manifest),
            ("database.sqlite3", b""),
            ("media/../../escaped.txt", b"x"),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {"DATABASE_URL": f"sqlite:///{empty / 'db.sqlite3'}", "DATELINE_VAR_DIR": str(empty)}
    with pytest.raises(AssertionError, match="may not restore"):
        manage_py("restore", str(evil), extra_env=env)
    # Nothing half-restored: the database is still without a table.
    with sqlite3.connect(empty / "db.sqlite3") as database:
        assert database.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)
    assert not (tmp_path / "escaped.txt").exists()
    assert not any(p.name == "escaped.txt" for p in tmp_path.rglob("*"))
