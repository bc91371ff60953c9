"""Reading user files with a size limit and one set of clear errors (missing, a folder, too big)."""

from __future__ import annotations

from pathlib import Path

from procura.errors import InputError


def check_file(path: Path, max_bytes: int, kind: str = "file") -> int:
    """The size of ``path``, or an InputError saying why it cannot be read as a ``kind``."""
    try:
        if path.is_dir():
            raise InputError(f"is a folder, not a {kind}", path)
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError("file not found", path, "check the path") from None
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", path) from None
    if size > max_bytes:
        raise InputError(f"file is {size} bytes, more than the limit of {max_bytes}", path,
                         "split it or check it is the right file")
    return size


def read_bytes(path: Path, max_bytes: int, kind: str = "file") -> bytes:
    check_file(path, max_bytes, kind)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", path) from None
