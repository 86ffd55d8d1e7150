"""Report files: refused when they are links, written beside the target and renamed over it
when the run ends, so no report is ever written through a link or left half-written."""

from __future__ import annotations

import os
import stat

from newslint.files import unlink_quietly, write_temp
from newslint.trees import BINARY, CLOEXEC, NOFOLLOW, NONBLOCK, first_link, inside, open_folder, printable, working_root


def report_target_problem(target: str) -> str | None:
    """Why a report must not be written to `target`, or None. A link is refused (a committed
    `report.txt -> ~/.bashrc` must not receive the report), as is a folder on the way that is
    a link from inside the working tree to outside it."""
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        status = None
    except OSError as exc:
        return f"cannot use it: {exc.strerror or exc}"
    if status is not None:
        if stat.S_ISLNK(status.st_mode):
            return "is a symbolic link; a report is never written through a link (name the file itself)"
        if stat.S_ISDIR(status.st_mode):
            return "is a folder"
        if not (stat.S_ISREG(status.st_mode) or stat.S_ISCHR(status.st_mode) or stat.S_ISFIFO(status.st_mode)):
            return "is not a regular file"
    folder = os.path.dirname(os.path.abspath(target))
    root = working_root()
    if inside(folder, root) and not inside(os.path.realpath(folder), root):
        return f"its folder is reached through a symbolic link ({printable(first_link(folder) or folder)}) out of the checked tree"
    return None


class ReportFile:
    """A report written to a new file in the target's folder and renamed over the target
    when the run completes (`commit`); `discard` drops it, leaving any old report whole. A
    device or pipe named as the target (`/dev/null`) is written directly."""

    def __init__(self, target: str) -> None:
        self.target = target
        folder, self.name = os.path.split(target)
        self.temp: str | None = None
        self.folder_fd: int | None = None
        try:
            existing = os.lstat(target)
        except FileNotFoundError:
            existing = None
        try:
            if existing is not None and (stat.S_ISCHR(existing.st_mode) or stat.S_ISFIFO(existing.st_mode)):
                fd = os.open(target, os.O_WRONLY | NOFOLLOW | NONBLOCK | CLOEXEC)
                os.set_blocking(fd, True)
            else:
                self.folder_fd = open_folder(folder)
                mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask()
                name, _ = write_temp(self.folder_fd, b"", durable=False, mode=mode)
                self.temp = name
                fd = os.open(name, os.O_WRONLY | NOFOLLOW | CLOEXEC | BINARY, dir_fd=self.folder_fd)
        except OSError as exc:
            self._close_folder()
            raise OSError(exc.errno, exc.strerror or str(exc), target) from None
        self.stream = open(fd, "w", encoding="utf-8", errors="backslashreplace")

    def write(self, text: str) -> int:
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return False

    def commit(self) -> None:
        try:
            self.stream.close()
            if self.temp is not None and self.folder_fd is not None:
                os.replace(self.temp, self.name, src_dir_fd=self.folder_fd, dst_dir_fd=self.folder_fd)
                self.temp = None
        except OSError as exc:
            self.discard()
            raise OSError(exc.errno, exc.strerror or str(exc), self.target) from None
        finally:
            self._close_folder()

    def discard(self) -> None:
        try:
            self.stream.close()
        except OSError:
            pass
        if self.temp is not None and self.folder_fd is not None:
            unlink_quietly(self.temp, self.folder_fd)
            self.temp = None
        self._close_folder()

    def _close_folder(self) -> None:
        if self.folder_fd is not None:
            os.close(self.folder_fd)
            self.folder_fd = None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
