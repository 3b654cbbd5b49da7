"""Fixed choices the edit forms offer: languages (ISO 639 codes), accessibility, statuses."""

from __future__ import annotations

from babel import Locale
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

#: Languages most often asked for in US human services (ISO 639 codes), plus sign language.
COMMON_LANGUAGES = (
    "en", "es", "ase", "zh", "vi", "tl", "ko", "ru", "ar", "ht", "fr", "pt", "de", "pl", "uk",
    "so", "am", "hmn", "ne", "fa", "ja", "it", "hi", "bn", "ur", "km", "lo", "my", "sw", "nv",
)

#: Accessibility provisions offered as check boxes (HSDS ``accessibility.description``).
ACCESSIBILITY_OPTIONS = (
    ("Wheelchair accessible entrance", _l("Wheelchair accessible entrance")),
    ("Accessible restroom", _l("Accessible restroom")),
    ("Elevator", _l("Elevator")),
    ("Accessible parking", _l("Accessible parking")),
    ("Sign language interpretation", _l("Sign language interpretation")),
    ("Braille or large print materials", _l("Braille or large print materials")),
    ("Hearing loop", _l("Hearing loop")),
    ("Service animals welcome", _l("Service animals welcome")),
)

STATUS_LABELS = {
    "active": _l("Active"), "inactive": _l("Inactive"), "defunct": _l("Closed for good"),
    "temporarily closed": _l("Temporarily closed"),
}
GENDER_LABELS = {"all": _l("All genders"), "female": _l("Women only"), "male": _l("Men only")}
WAITLIST_LABELS = {"": _l("Not stated"), "none": _l("No waiting list"),
                   "short": _l("Short wait"), "long": _l("Long wait"),
                   "closed": _l("Waiting list closed")}
PHONE_TYPES = (("voice", _l("Voice")), ("text", _l("Text messages")), ("cell", _l("Mobile")),
               ("fax", _l("Fax")), ("textphone", _l("TTY")), ("video", _l("Video call")))


def language_name(code: str, locale: str = "en") -> str:
    """The English name of an ISO 639 language (how HSDS ``language.name`` is kept)."""
    return Locale(locale).languages.get(code, code)


def language_choices(extra_codes=()) -> list[tuple[str, str]]:
    """(code, name) pairs in the reader's language: the common languages and ``extra_codes``."""
    locale = Locale.parse(str(get_locale() or "en"))
    codes = list(dict.fromkeys([*COMMON_LANGUAGES, *sorted(extra_codes)]))
    return sorted(((code, f"{locale.languages.get(code, code)} ({code})") for code in codes),
                  key=lambda pair: pair[1].lower())
