"""The one guarded reader for every file a user or a pack gives procura.

Every read of an untrusted file goes through here, so every one has the same limits and the same
clear errors: a missing file, a folder, anything but a regular file (a named pipe, a device or a
socket is refused at once instead of blocking forever), more bytes than the caller's limit, and,
for zip containers (.docx, .xlsx, pack archives), more entries or more unpacked bytes than the
limits, or a member whose deflate stream is corrupt.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from pathlib import Path
from typing import IO

from procura.errors import InputError

MAX_ZIP_ENTRIES = 10_000
MAX_UNPACKED_BYTES = 300_000_000  # what a zip container may unpack to (a zip bomb unpacks to far more than its size)
_READ_CHUNK = 1 << 20


def _kind_of(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _refuse(path: Path, mode: int, kind: str) -> None:
    what = _kind_of(mode)
    if what is not None:
        article = "an" if kind[:1].lower() in "aeiou" else "a"
        raise InputError(f"is {what}, not {article} {kind}", path, f"give a regular {kind}")


def check_file(path: Path, max_bytes: int, kind: str = "file") -> int:
    """The size of ``path``, or an InputError saying why it cannot be read as a ``kind``.

    Only a regular file passes (a symbolic link to one is followed); nothing is opened, so a named
    pipe cannot block here.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError("file not found", path, "check the path") from None
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", path) from None
    _refuse(path, st.st_mode, kind)
    if st.st_size > max_bytes:
        raise InputError(f"file is {st.st_size} bytes, more than the limit of {max_bytes}", path,
                         "split it or check it is the right file")
    return st.st_size


def read_bytes(path: Path, max_bytes: int, kind: str = "file") -> bytes:
    """The bytes of the regular file ``path``, at most ``max_bytes`` of them.

    The file is checked before it is opened (os.stat), opened without blocking (O_NONBLOCK, so a
    pipe swapped in after the check cannot hang the read) and checked again on the open handle;
    the read stops one byte past the limit, whatever size the file claimed.
    """
    path = Path(path)
    check_file(path, max_bytes, kind)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", path) from None
    try:
        _refuse(path, os.fstat(fd).st_mode, kind)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_READ_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise InputError(f"file is more than the limit of {max_bytes} bytes", path, "split it or check it is the right file")
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", path) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_text(path: Path, max_bytes: int, kind: str = "file") -> str:
    """A UTF-8 text file (a BOM is accepted), read through :func:`read_bytes`."""
    return decode_utf8(read_bytes(path, max_bytes, kind), path)


def decode_utf8(data: bytes, path: Path | str) -> str:
    """``data`` read from ``path`` as UTF-8 text (a BOM is accepted)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", path, "save the file as UTF-8") from None


# -- zip containers ---------------------------------------------------------------------------
class GuardedZip:
    """A zip container read from memory, whose listed entries and unpacked sizes are within limits.

    ``read`` and ``open`` return a member's bytes or a stream that stops at the member's limit,
    and turn a corrupt member (bad deflate stream, bad CRC, truncated data) into an InputError.
    """

    def __init__(self, archive: zipfile.ZipFile, where: Path | str, kind: str):
        self.archive = archive
        self.where = where
        self.kind = kind
        self.names = {info.filename: info for info in archive.infolist()}

    def __contains__(self, name: str) -> bool:
        return name in self.names

    def info(self, name: str) -> zipfile.ZipInfo | None:
        return self.names.get(name)

    def read(self, name: str, max_bytes: int = MAX_UNPACKED_BYTES) -> bytes:
        with self.open(name, max_bytes) as fh:
            return fh.read()

    def open(self, name: str, max_bytes: int = MAX_UNPACKED_BYTES) -> LimitedStream:
        info = self.names.get(name)
        if info is None:
            raise InputError(f"the {self.kind} file has no part {name}", self.where, f"open it in {self.kind} and save it again")
        if info.file_size > max_bytes:
            raise InputError(f"part {name} unpacks to {info.file_size} bytes, more than the limit of {max_bytes}", self.where)
        try:
            raw = self.archive.open(info)
        except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError, NotImplementedError, ValueError, EOFError) as exc:
            raise self.corrupt(name, exc) from None
        return LimitedStream(raw, max_bytes, self, name)

    def corrupt(self, name: str, exc: BaseException) -> InputError:
        reason = str(exc).split("\n")[0][:120] or type(exc).__name__
        return InputError(f"part {name} of the {self.kind} file is damaged ({reason})", self.where,
                          f"open it in {self.kind} and save it again")

    def close(self) -> None:
        self.archive.close()

    def __enter__(self) -> GuardedZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LimitedStream(io.RawIOBase):
    """A zip member's stream that raises an InputError past ``limit`` bytes or on a corrupt stream."""

    def __init__(self, raw: IO[bytes], limit: int, owner: GuardedZip, name: str):
        super().__init__()
        self._raw, self._left, self._owner, self._name, self._limit = raw, limit, owner, name, limit

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        want = self._left + 1 if size is None or size < 0 else min(size, self._left + 1)
        try:
            data = self._raw.read(want)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
            raise self._owner.corrupt(self._name, exc) from None
        self._left -= len(data)
        if self._left < 0:
            raise InputError(f"part {self._name} unpacks to more than the limit of {self._limit} bytes", self._owner.where)
        return data

    def readinto(self, buffer) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML and old .doc/.xls files


def open_zip(data: bytes, where: Path | str, kind: str, max_unpacked: int = MAX_UNPACKED_BYTES,
             max_entries: int = MAX_ZIP_ENTRIES, label: str | None = None) -> GuardedZip:
    """``data`` (read with :func:`read_bytes`) as a zip container of a ``kind`` file (Word, Excel).

    ``label`` names what was expected in the error for a file that is no zip at all
    ("readable Word template"; default "valid Word file")."""
    suffix = Path(str(where)).suffix.lower()
    if data.startswith(OLE_MAGIC):
        raise InputError(f"the {kind} file is password-protected or in the old binary format", where,
                         f"remove the password or save it as {suffix} and try again")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError):
        raise InputError(f"not a {label or f'valid {kind} file'} (corrupt, or another format with a {suffix} name)", where,
                         f"open it in {kind} and save it again") from None
    if len(infos) > max_entries:
        raise InputError(f"the file holds {len(infos)} parts, more than the limit of {max_entries}", where)
    unpacked = sum(info.file_size for info in infos)
    if unpacked > max_unpacked:
        raise InputError(f"the file unpacks to {unpacked} bytes, more than the limit of {max_unpacked}", where)
    return GuardedZip(archive, where, kind)


def decode_text(path: Path | str, data: bytes) -> str:
    """Text as users save it: UTF-8 (with or without a BOM), else Windows-1252 as Excel writes CSV on Windows."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError("neither UTF-8 nor Windows-1252 text", path, "save the file as UTF-8") from None
