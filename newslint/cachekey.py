"""The user's secret for the caches: how newslint tells what it wrote from what anyone else
wrote into a cache folder (a committed `.newslint_cache/`, a shared or CI-restored
`$NEWSLINT_CACHE_DIR`).

Every cache file carries a keyed BLAKE2b digest of its content made with a random key that
only the user can read, kept outside every cache folder and every repository:
`$XDG_CONFIG_HOME/newslint/cache-key`, else `~/.config/newslint/cache-key`. It is created on
the first run (0600, never through a link). Before use it is checked as ssh checks its keys:
a regular file, not a link, owned by the user who runs newslint, neither group nor world
readable or writable, in a folder owned by that user that neither group nor world can write.
When the key cannot be had or fails a check, both caches are off for the run, quietly: every
run is a first run, and nothing else changes.
"""

from __future__ import annotations

import functools
import os
import stat
from pathlib import Path

from newslint.rules import blake2b

try:  # hmac.compare_digest without importing hmac (which loads OpenSSL: a visible part of a run)
    from _operator import _compare_digest as compare_digest
except ImportError:  # pragma: no cover - another interpreter
    from hmac import compare_digest

KEY_NAME = "cache-key"
KEY_BYTES = 32
MAC_BYTES = 32


def key_folder() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "newslint"


def supported() -> bool:
    """Whether this platform can open files without following links and relative to an
    open folder; where it cannot (Windows), the caches are off."""
    return (hasattr(os, "O_NOFOLLOW") and hasattr(os, "O_DIRECTORY") and hasattr(os, "geteuid")
            and os.open in os.supports_dir_fd and os.scandir in os.supports_fd)


@functools.cache
def user_key() -> bytes | None:
    """The key, created when missing; None when it cannot be created or fails a check."""
    if not supported():
        return None
    try:
        return _key(key_folder())
    except (OSError, ValueError):
        return None


def _key(folder: Path) -> bytes | None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    # The folder may be a link (dotfiles kept elsewhere): what is checked is the folder it
    # opens, and the key inside it is never reached through a link.
    folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        info = os.fstat(folder_fd)
        if info.st_uid != os.geteuid() or info.st_mode & 0o022:
            return None
        key = _read_key(folder_fd)
        if key is None:
            _create_key(folder_fd)
            key = _read_key(folder_fd)
        return key
    finally:
        os.close(folder_fd)


def _read_key(folder_fd: int) -> bytes | None:
    """The key, or None when there is none yet; ValueError when the file fails a check."""
    try:
        fd = os.open(KEY_NAME, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=folder_fd)
    except FileNotFoundError:
        return None
    try:
        info = os.fstat(fd)
        if (not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077
                or info.st_size != KEY_BYTES):
            raise ValueError("unsafe cache key")
        key = os.read(fd, KEY_BYTES + 1)
    finally:
        os.close(fd)
    if len(key) != KEY_BYTES:
        raise ValueError("unsafe cache key")
    return key


def _create_key(folder_fd: int) -> None:
    """Write a new key under a temporary name and link it into place: two first runs at once
    agree on one key, and nobody ever reads half of one."""
    temp = f".{KEY_NAME}-{os.getpid()}-{os.urandom(6).hex()}"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600, dir_fd=folder_fd)
    try:
        try:
            os.write(fd, os.urandom(KEY_BYTES))
            os.fsync(fd)  # a key lost to a crash would be an empty file: no cache ever after
        finally:
            os.close(fd)
        try:
            os.link(temp, KEY_NAME, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
        except FileExistsError:
            pass  # another run made one first: theirs is read
    finally:
        os.unlink(temp, dir_fd=folder_fd)


def _digest(key: bytes, person: bytes, parts: tuple[bytes, ...]) -> bytes:
    # Each part is preceded by its length, so that no two lists of parts hash alike.
    h = blake2b(key=key, digest_size=MAC_BYTES, person=person)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.digest()


def sign(key: bytes, person: bytes, *parts: bytes) -> bytes:
    """The keyed digest of `parts`; `person` (at most 16 bytes) keeps each cache's digests apart."""
    return _digest(key, person, parts)


def verify(key: bytes, person: bytes, mac: bytes, *parts: bytes) -> bool:
    return compare_digest(mac, _digest(key, person, parts))
