"""Where packaged resources live, in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_REPOSITORY_DIR = PACKAGE_DIR.parent


def _resource(name: str) -> Path:
    # The wheel maps the repository's top-level folders into the package (see pyproject.toml).
    packaged = PACKAGE_DIR / name
    return packaged if packaged.is_dir() else _REPOSITORY_DIR / name


TEMPLATES_DIR = _resource("templates")
SEED_DATA_DIR = _resource("seed_data")
STATIC_DIR = PACKAGE_DIR / "static"
MIGRATIONS_DIR = PACKAGE_DIR / "migrations"
TRANSLATIONS_DIR = PACKAGE_DIR / "translations"
SCHEMAS_DIR = PACKAGE_DIR / "interop" / "schemas"
