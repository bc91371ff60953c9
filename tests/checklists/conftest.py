"""Fixtures for checklists, the answer matrix and evaluation. Nothing is written into the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest
from checklist_helpers import write_profile

from procura.build import BuildOptions, build
from procura.library import load_library
from procura.sizing import load_profile, resolve


@pytest.fixture
def profile_path(tmp_path) -> Path:
    return write_profile(tmp_path / "profile.yaml")


@pytest.fixture
def spec(profile_path):
    return resolve(load_profile(profile_path), load_library())


@pytest.fixture
def matrix_path(tmp_path, profile_path) -> Path:
    result = build(profile_path, BuildOptions(out_dir=tmp_path / "out"))
    return next(p for p in result.files if p.suffix == ".xlsx")
