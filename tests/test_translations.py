"""Every user-facing message is in the catalog, so a translation is only a catalog away."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

REPOSITORY = Path(__file__).resolve().parent.parent
TRANSLATIONS = REPOSITORY / "directory" / "translations"
METHODS = [("directory/**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def _extracted() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(REPOSITORY), METHODS, keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_catalog_template_is_up_to_date():
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        catalog = read_po(handle)
    known = {message.id[0] if isinstance(message.id, tuple) else message.id
             for message in catalog if message.id}
    missing = _extracted() - known
    assert not missing, f"run `make translations`; not in messages.pot: {sorted(missing)[:10]}"


def test_english_catalog_is_compiled():
    assert (TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.mo").is_file()
