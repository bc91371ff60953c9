"""Semantic versions and version ranges, small enough to read in one sitting.

A range is a comma-separated list of comparators, all of which must hold::

    *            any version
    1.2.3        exactly 1.2.3 (also ``=1.2.3``, ``==1.2.3``)
    >=1.2,<2     at least 1.2.0 and below 2.0.0 (``>``, ``>=``, ``<``, ``<=``, ``!=``)
    ^1.2         compatible: >=1.2.0,<2.0.0 (``^0.3`` is >=0.3.0,<0.4.0)
    ~1.2         same minor: >=1.2.0,<1.3.0

Pre-releases (``1.0.0-rc.1``) sort before their release, as semver.org says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

VERSION_PATTERN = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$"
_VERSION = re.compile(VERSION_PATTERN)
_PARTIAL = re.compile(r"^(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:\.(0|[1-9]\d*))?(?:-([0-9A-Za-z.-]+))?$")
_COMPARATOR = re.compile(r"^(\^|~|>=|<=|==|!=|=|>|<)?\s*(\S+)$")


@total_ordering
@dataclass(frozen=True)
class Version:
    major: int
    minor: int
    patch: int
    pre: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> Version:
        match = _VERSION.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a semantic version like 1.2.0")
        major, minor, patch, pre = match.groups()
        return cls(int(major), int(minor), int(patch), tuple(pre.split(".")) if pre else ())

    def _key(self) -> tuple:
        # a release sorts after its pre-releases; numeric identifiers sort before alphanumeric ones
        pre = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in self.pre)
        return (self.major, self.minor, self.patch, not self.pre, pre)

    def __lt__(self, other: Version) -> bool:
        return self._key() < other._key()

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}" + ("-" + ".".join(self.pre) if self.pre else "")


def _partial(text: str) -> tuple[Version, int]:
    """A possibly partial version (``1``, ``1.2``) and how many parts were given."""
    match = _PARTIAL.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a version like 1.2.0")
    major, minor, patch, pre = match.groups()
    parts = 1 + (minor is not None) + (patch is not None)
    return Version(int(major), int(minor or 0), int(patch or 0), tuple(pre.split(".")) if pre else ()), parts


@dataclass(frozen=True)
class Range:
    text: str
    tests: tuple[tuple[str, Version], ...]

    @classmethod
    def parse(cls, text: str) -> Range:
        text = text.strip()
        if text in ("", "*"):
            return cls("*", ())
        tests: list[tuple[str, Version]] = []
        for part in text.split(","):
            match = _COMPARATOR.match(part.strip())
            if not match:
                raise ValueError(f"{part.strip()!r} is not a version comparator like >=1.2")
            op, version_text = match.groups()
            try:
                version, parts = _partial(version_text)
            except ValueError:
                raise ValueError(f"{part.strip()!r} is not a version range like 1.2.0, ^1.2, ~1.2 or >=1.0,<2") from None
            if op == "^":
                upper = (Version(version.major + 1, 0, 0) if version.major else
                         Version(0, version.minor + 1, 0) if version.minor or parts < 3 else Version(0, 0, version.patch + 1))
                tests += [(">=", version), ("<", upper)]
            elif op == "~":
                upper = Version(version.major + 1, 0, 0) if parts == 1 else Version(version.major, version.minor + 1, 0)
                tests += [(">=", version), ("<", upper)]
            elif op in (None, "=", "==") and parts < 3:
                upper = Version(version.major + 1, 0, 0) if parts == 1 else Version(version.major, version.minor + 1, 0)
                tests += [(">=", version), ("<", upper)]
            else:
                tests.append(({None: "==", "=": "=="}.get(op, op), version))
        return cls(text, tuple(tests))

    def __contains__(self, version: Version) -> bool:
        for op, bound in self.tests:
            ok = {"==": version == bound, "!=": version != bound, ">": version > bound, ">=": version >= bound,
                  "<": version < bound, "<=": version <= bound}[op]
            if not ok:
                return False
        # a pre-release is chosen only when a comparator names a pre-release of the same version
        if version.pre and not any(b.pre and (b.major, b.minor, b.patch) == (version.major, version.minor, version.patch)
                                   for _, b in self.tests):
            return False
        return True

    def best(self, versions: list[Version]) -> Version | None:
        """The highest of ``versions`` in this range."""
        matching = [v for v in versions if v in self]
        return max(matching) if matching else None

    def __str__(self) -> str:
        return self.text


def is_range(text: str) -> bool:
    try:
        Range.parse(text)
    except ValueError:
        return False
    return True
