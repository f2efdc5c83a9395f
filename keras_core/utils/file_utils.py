"""get_file: fetch a file into the keras_core cache folder, check its hash, extract it.

Everything ``get_file`` writes stays inside ``<cache_dir>/<cache_subdir>``: a
file name that would leave it is refused, downloads go to a temporary file
there that is renamed once complete, and archive members whose path would
land outside the folder (``../`` parts, absolute paths, links pointing out)
make the extraction fail before any member is written.
"""

import hashlib
import os
import shutil
import tarfile
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile

from keras_core.utils import io_utils

_HASH_ALGORITHMS = ("auto", "md5", "sha256")


def keras_home() -> str:
    """The keras_core cache root: ``$KERAS_HOME``, else ``~/.keras``."""
    home = os.environ.get("KERAS_HOME")
    if home:
        return os.path.abspath(os.path.expanduser(home))
    return os.path.join(os.path.expanduser("~"), ".keras")


def _is_within(path, folder):
    path = os.path.realpath(path)
    folder = os.path.realpath(folder)
    return path == folder or path.startswith(folder + os.sep)


def resolve_hasher(algorithm: str, file_hash: str | None = None) -> str:
    """``"sha256"`` or ``"md5"``; ``"auto"`` picks by the hash's length (64 hex digits: sha256)."""
    if algorithm not in _HASH_ALGORITHMS:
        raise ValueError(
            f"`hash_algorithm` must be one of {_HASH_ALGORITHMS}. "
            f"Received: hash_algorithm={algorithm!r}"
        )
    if algorithm == "auto":
        return "sha256" if file_hash is not None and len(file_hash) == 64 else "md5"
    return algorithm


def hash_file(fpath: str, algorithm: str = "sha256", chunk_size: int = 65535) -> str:
    """The hex digest of the file at ``fpath``.

    Example:
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "a.txt")
    >>> with open(path, "wb") as f:
    ...     _ = f.write(b"abc")
    >>> hash_file(path, "md5")
    '900150983cd24fb0d6963f7d28e17f72'
    """
    hasher = hashlib.sha256() if resolve_hasher(algorithm) == "sha256" else hashlib.md5()
    with open(fpath, "rb") as f:
        for chunk in iter(lambda: f.read(chunk_size), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def validate_file(fpath: str, file_hash: str, algorithm: str = "auto") -> bool:
    """Whether the file's md5 or sha256 digest equals ``file_hash``."""
    algorithm = resolve_hasher(algorithm, file_hash)
    return hash_file(fpath, algorithm) == str(file_hash).lower()


def _check_member_name(name, target, kind):
    if os.path.isabs(name) or name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        raise ValueError(
            f"Refusing to extract the {kind} archive: member {name!r} has an absolute path, "
            f"which would be written outside the target folder {target!r}."
        )
    dest = os.path.join(target, name)
    if not _is_within(dest, target):
        raise ValueError(
            f"Refusing to extract the {kind} archive: member {name!r} would be written "
            f"outside the target folder {target!r} (it escapes with '..')."
        )
    return dest


def _check_tar_members(archive, target):
    for member in archive.getmembers():
        dest = _check_member_name(member.name, target, "tar")
        if member.issym() or member.islnk():
            link = member.linkname
            if os.path.isabs(link):
                raise ValueError(
                    f"Refusing to extract the tar archive: link member {member.name!r} points "
                    f"to the absolute path {link!r}, outside the target folder {target!r}."
                )
            base = os.path.dirname(dest) if member.issym() else target
            if not _is_within(os.path.join(base, link), target):
                raise ValueError(
                    f"Refusing to extract the tar archive: link member {member.name!r} points "
                    f"to {link!r}, outside the target folder {target!r}."
                )
        elif not (member.isfile() or member.isdir()):
            raise ValueError(
                f"Refusing to extract the tar archive: member {member.name!r} is a device or "
                "special file."
            )


def extract_archive(file_path: str, path: str = ".", archive_format="auto") -> bool:
    """Extracts a tar (any compression) or zip archive into ``path``.

    Every member is checked before anything is written: a member whose path is
    absolute, climbs out of ``path`` with ``..``, or is a link pointing out of
    ``path`` raises a ValueError naming it.

    Args:
        file_path: the archive.
        path: the folder to extract into.
        archive_format: ``"auto"`` (tar then zip), ``"tar"``, ``"zip"``, a list
            of these, or None (extract nothing).

    Returns:
        True if the file was an archive of an allowed format and was extracted.
    """
    if archive_format is None:
        return False
    if archive_format == "auto":
        archive_format = ["tar", "zip"]
    if isinstance(archive_format, str):
        archive_format = [archive_format]
    for fmt in archive_format:
        if fmt not in ("tar", "zip"):
            raise ValueError(
                '`archive_format` must be "auto", "tar", "zip", a list of these, or None. '
                f"Received: archive_format={archive_format!r}"
            )
    file_path = os.fspath(file_path)
    path = os.path.abspath(os.fspath(path))
    for fmt in archive_format:
        if fmt == "tar" and tarfile.is_tarfile(file_path):
            with tarfile.open(file_path) as archive:
                _check_tar_members(archive, path)
                _extract_all(archive, path, tar=True)
            return True
        if fmt == "zip" and zipfile.is_zipfile(file_path):
            with zipfile.ZipFile(file_path) as archive:
                for name in archive.namelist():
                    _check_member_name(name, path, "zip")
                _extract_all(archive, path, tar=False)
            return True
    return False


def _extract_all(archive, path, tar):
    os.makedirs(path, exist_ok=True)
    if tar and hasattr(tarfile, "data_filter"):
        archive.extractall(path, filter="data")
    else:
        archive.extractall(path)


def _cache_folder(cache_dir, cache_subdir):
    base = os.path.expanduser(os.fspath(cache_dir)) if cache_dir is not None else keras_home()
    base = os.path.abspath(base)
    datadir = os.path.abspath(os.path.join(base, cache_subdir))
    if not _is_within(datadir, base):
        raise ValueError(
            f"`cache_subdir` must be a folder inside the cache folder {base!r}. "
            f"Received: cache_subdir={cache_subdir!r}"
        )
    try:
        os.makedirs(datadir, exist_ok=True)
        writable = os.access(datadir, os.W_OK)
    except OSError:
        writable = False
    if not writable:
        base = os.path.join(tempfile.gettempdir(), ".keras")
        datadir = os.path.join(base, cache_subdir)
        os.makedirs(datadir, exist_ok=True)
    return datadir


def _download(origin, fpath, datadir):
    io_utils.print_msg(f"Downloading data from {origin}")
    fd, tmp = tempfile.mkstemp(dir=datadir, prefix=".download-")
    os.close(fd)
    try:
        try:
            with urllib.request.urlopen(origin) as response, open(tmp, "wb") as out:
                shutil.copyfileobj(response, out)
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"URL fetch failure on {origin}: {e.code} -- {e.msg}") from e
        except (urllib.error.URLError, OSError, ValueError) as e:
            raise RuntimeError(f"URL fetch failure on {origin}: {e}") from e
        os.replace(tmp, fpath)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def get_file(
    fname=None,
    origin=None,
    untar=False,
    md5_hash=None,
    file_hash=None,
    cache_subdir="datasets",
    hash_algorithm="auto",
    extract=False,
    archive_format="auto",
    cache_dir=None,
):
    """Returns the local path of a file, downloading it into the cache first if needed.

    The file goes to ``<cache_dir>/<cache_subdir>/<fname>``; ``cache_dir`` is
    ``$KERAS_HOME`` (or ``~/.keras``) by default. A cached file is used as is,
    unless a hash is given and does not match, in which case it is fetched again.

    Args:
        fname: the file name in the cache folder; the last part of ``origin``'s
            path when None. It may not leave the cache folder.
        origin: the URL to fetch (``http(s)://``, ``ftp://`` or ``file://``).
        untar: deprecated: fetch ``fname + ".tar.gz"``, extract it, and return
            the path ``fname`` (the extracted folder).
        md5_hash: deprecated: the md5 digest; use ``file_hash``.
        file_hash: the expected md5 or sha256 hex digest of the file.
        cache_subdir: the subfolder of the cache folder.
        hash_algorithm: ``"md5"``, ``"sha256"`` or ``"auto"`` (by digest length).
        extract: extract the archive into the cache subfolder.
        archive_format: ``"auto"``, ``"tar"``, ``"zip"``, a list, or None.
        cache_dir: the cache folder; ``$KERAS_HOME`` or ``~/.keras`` when None.

    Returns:
        The path of the file (of the extracted folder with ``untar=True``).

    Raises:
        ValueError: on a hash mismatch, on a file name or archive member that
            would leave the cache folder, or on missing arguments.
        RuntimeError: when the download fails.
    """
    if origin is None:
        raise ValueError(
            "`origin` (the URL to fetch the file from) is required. Received: origin=None"
        )
    if fname is None:
        fname = os.path.basename(urllib.parse.urlsplit(origin).path)
        if not fname:
            raise ValueError(
                f"`fname` is required when `origin` has no file name. Received: origin={origin!r}"
            )
    fname = os.fspath(fname)
    if md5_hash is not None and file_hash is None:
        file_hash, hash_algorithm = md5_hash, "md5"
    algorithm = resolve_hasher(hash_algorithm, file_hash)
    datadir = _cache_folder(cache_dir, cache_subdir)
    if untar:
        untar_fpath = _inside(datadir, fname)
        fpath = untar_fpath + ".tar.gz"
    else:
        fpath = _inside(datadir, fname)
    os.makedirs(os.path.dirname(fpath), exist_ok=True)

    download = not os.path.exists(fpath)
    if not download and file_hash is not None and not validate_file(fpath, file_hash, algorithm):
        io_utils.print_msg(
            f"The cached file {fpath} does not match the expected {algorithm} hash; "
            "fetching it again."
        )
        download = True
    if download:
        _download(origin, fpath, datadir)
        if file_hash is not None:
            actual = hash_file(fpath, algorithm)
            if actual != str(file_hash).lower():
                os.remove(fpath)
                raise ValueError(
                    f"The file fetched from {origin} does not have the expected {algorithm} "
                    f"hash. Expected: file_hash={file_hash!r}; received a file with hash "
                    f"{actual!r}. The file was removed; check the origin and the hash."
                )
    if untar:
        if not os.path.exists(untar_fpath):
            extract_archive(fpath, datadir, archive_format="tar")
        return untar_fpath
    if extract:
        extract_archive(fpath, datadir, archive_format)
    return fpath


def _inside(datadir, fname):
    path = os.path.abspath(os.path.join(datadir, fname))
    if os.path.isabs(fname) or not _is_within(path, datadir) or path == datadir:
        raise ValueError(
            f"`fname` must name a file inside the cache folder {datadir!r}. "
            f"Received: fname={fname!r}"
        )
    return path
