"""The wheel carries everything the app needs outside the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out), str(REPOSITORY)],
        check=True, capture_output=True,
    )
    (wheel,) = out.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


@pytest.mark.parametrize("folder", ["templates", "seed_data"])
def test_wheel_maps_top_level_folders_into_the_package(wheel_names, folder):
    files = [p for p in (REPOSITORY / folder).rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert f"directory/{folder}/{path.relative_to(REPOSITORY / folder).as_posix()}" in (
            wheel_names)


def test_wheel_has_static_files_migrations_schemas_and_translations(wheel_names):
    for name in (
        "directory/static/css/site.css",
        "directory/static/vendor/leaflet/leaflet.js",
        "directory/migrations/env.py",
        "directory/migrations/versions/0001_catalog_and_accounts.py",
        "directory/interop/schemas/organization.json",
        "directory/translations/en/LC_MESSAGES/messages.mo",
    ):
        assert name in wheel_names
    assert not any("__pycache__" in name or name.startswith("tests/") for name in wheel_names)
