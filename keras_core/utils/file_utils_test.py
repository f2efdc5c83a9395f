import hashlib
import io
import os
import tarfile
import zipfile

import pytest

from keras_core.utils import get_file
from keras_core.utils.file_utils import extract_archive, hash_file, validate_file


@pytest.fixture
def home(tmp_path, monkeypatch):
    cache = tmp_path / "kh"
    monkeypatch.setenv("KERAS_HOME", str(cache))
    return cache


def _write(path, data=b"hello keras"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _listing(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_get_file_copies_into_cache_and_reuses(home, tmp_path):
    src = _write(tmp_path / "src" / "data.bin")
    path = get_file(origin=src.as_uri())
    assert path == str(home / "datasets" / "data.bin")
    assert open(path, "rb").read() == b"hello keras"
    src.write_bytes(b"changed")
    assert open(get_file(origin=src.as_uri()), "rb").read() == b"hello keras"


def test_get_file_cache_dir_subdir_and_hashes(tmp_path, home):
    data = b"some bytes"
    src = _write(tmp_path / "src" / "x.txt", data)
    sha = hashlib.sha256(data).hexdigest()
    md5 = hashlib.md5(data).hexdigest()
    cache = tmp_path / "c"
    path = get_file("y.txt", src.as_uri(), file_hash=sha, cache_subdir="sub", cache_dir=str(cache))
    assert path == str(cache / "sub" / "y.txt")
    assert hash_file(path) == sha and hash_file(path, "md5") == md5
    assert validate_file(path, md5) and validate_file(path, sha)
    assert not validate_file(path, "0" * 32)
    assert get_file("z.txt", src.as_uri(), md5_hash=md5) == str(home / "datasets" / "z.txt")
    assert not (home / "datasets" / "y.txt").exists()


def test_get_file_wrong_hash_is_a_clear_error_and_leaves_nothing(home, tmp_path):
    src = _write(tmp_path / "src" / "d.bin")
    with pytest.raises(ValueError, match="expected sha256 hash"):
        get_file(origin=src.as_uri(), file_hash="a" * 64)
    assert _listing(home / "datasets") == []


def test_get_file_refetches_stale_cached_file(home, tmp_path):
    src = _write(tmp_path / "src" / "d.bin", b"new")
    _write(home / "datasets" / "d.bin", b"stale")
    path = get_file(origin=src.as_uri(), file_hash=hashlib.md5(b"new").hexdigest())
    assert open(path, "rb").read() == b"new"


def test_get_file_argument_errors(home, tmp_path):
    src = _write(tmp_path / "src" / "d.bin")
    with pytest.raises(ValueError, match="origin=None"):
        get_file("a.txt")
    with pytest.raises(ValueError, match="fname="):
        get_file("../outside.txt", src.as_uri())
    with pytest.raises(ValueError, match="fname="):
        get_file(str(tmp_path / "abs.txt"), src.as_uri())
    with pytest.raises(ValueError, match="cache_subdir="):
        get_file("a.txt", src.as_uri(), cache_subdir="../../x")
    with pytest.raises(ValueError, match="hash_algorithm="):
        get_file("a.txt", src.as_uri(), hash_algorithm="sha1")
    with pytest.raises(RuntimeError, match="URL fetch failure"):
        get_file("a.txt", (tmp_path / "missing.bin").as_uri())
    assert not (tmp_path / "outside.txt").exists() and not (tmp_path / "abs.txt").exists()


def _tar(path, members, mode="w:gz"):
    path.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, mode) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_extract_tar_and_zip(home, tmp_path):
    tgz = _tar(tmp_path / "src" / "arch.tar.gz", [("folder/a.txt", b"A"), ("b.txt", b"B")])
    path = get_file(origin=tgz.as_uri(), extract=True)
    assert path == str(home / "datasets" / "arch.tar.gz")
    assert (home / "datasets" / "folder" / "a.txt").read_bytes() == b"A"
    zpath = tmp_path / "src" / "z.zip"  # src/ exists: the tar was written there
    with zipfile.ZipFile(zpath, "w") as z:
        z.writestr("inner/c.txt", "C")
    get_file(origin=zpath.as_uri(), extract=True, cache_subdir="zz")
    assert (home / "zz" / "inner" / "c.txt").read_text() == "C"


def test_untar_returns_extracted_folder(home, tmp_path):
    tgz = _tar(tmp_path / "src" / "pack.tar.gz", [("pack/x.txt", b"X")])
    path = get_file("pack", origin=tgz.as_uri(), untar=True)
    assert path == str(home / "datasets" / "pack")
    assert (home / "datasets" / "pack" / "x.txt").read_bytes() == b"X"


@pytest.mark.parametrize("bad", ["../escape.txt", "ok/../../escape.txt", "/tmp/abs_escape.txt"])
def test_tar_members_escaping_are_rejected_before_writing(home, tmp_path, bad):
    tgz = _tar(tmp_path / "src" / "evil.tar.gz", [("first.txt", b"1"), (bad, b"evil")])
    with pytest.raises(ValueError, match="Refusing to extract the tar archive"):
        get_file(origin=tgz.as_uri(), extract=True)
    assert _listing(home / "datasets") == ["evil.tar.gz"]
    assert not (home / "escape.txt").exists() and not (tmp_path / "escape.txt").exists()


def test_tar_symlink_out_is_rejected(tmp_path):
    arch = tmp_path / "link.tar"
    with tarfile.open(arch, "w") as tar:
        info = tarfile.TarInfo("evil_link")
        info.type = tarfile.SYMTYPE
        info.linkname = "../../etc"
        tar.addfile(info)
    target = tmp_path / "out"
    with pytest.raises(ValueError, match="link member 'evil_link'"):
        extract_archive(str(arch), str(target))
    assert not target.exists() or _listing(target) == []


@pytest.mark.parametrize("bad", ["../zip_escape.txt", "/abs_zip.txt"])
def test_zip_members_escaping_are_rejected(tmp_path, bad):
    arch = tmp_path / "evil.zip"
    with zipfile.ZipFile(arch, "w") as z:
        z.writestr("fine.txt", "ok")
        info = zipfile.ZipInfo(bad)
        z.writestr(info, "evil")
    target = tmp_path / "out"
    with pytest.raises(ValueError, match="Refusing to extract the zip archive"):
        extract_archive(str(arch), str(target))
    assert not (tmp_path / "zip_escape.txt").exists()
    assert not target.exists() or _listing(target) == []


def test_extract_archive_formats(tmp_path):
    arch = _tar(tmp_path / "a.tar", [("a.txt", b"A")], mode="w")
    assert extract_archive(str(arch), str(tmp_path / "o1"), archive_format="zip") is False
    assert extract_archive(str(arch), str(tmp_path / "o1"), archive_format=None) is False
    assert extract_archive(str(arch), str(tmp_path / "o1"), archive_format="tar") is True
    with pytest.raises(ValueError, match="archive_format="):
        extract_archive(str(arch), str(tmp_path / "o2"), archive_format="rar")
    assert os.path.exists(tmp_path / "o1" / "a.txt")
