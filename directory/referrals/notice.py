"""The notice that must accompany every disclosure under 42 CFR Part 2 (§2.32(a)(1)).

Shown on every page that shows a referral or client details to agency staff, and at the end of
every message to an agency. Translatable: the English text is the regulation's own wording.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

#: Heading shown above the notice.
PART2_NOTICE_TITLE = _l("42 CFR part 2 notice of prohibition on redisclosure")

#: 42 CFR 2.32(a)(1), as amended in 2024.
PART2_NOTICE = _l(
    "This record which has been disclosed to you is protected by federal confidentiality rules "
    "(42 CFR part 2). These rules prohibit you from using or disclosing this record, or "
    "testimony that describes the information contained in this record, in any civil, criminal, "
    "administrative, or legislative proceedings by any Federal, State, or local authority, "
    "against the patient, unless authorized by the consent of the patient, except as provided "
    "at 42 CFR 2.12(c)(5) or as authorized by a court in accordance with 42 CFR 2.64 or 2.65. "
    "In addition, the federal rules prohibit you from making any other use or disclosure of "
    "this record unless at least one of the following applies: further use or disclosure is "
    "expressly permitted by the written consent of the individual whose information is being "
    "disclosed in this record or as otherwise permitted by 42 CFR part 2; you are a covered "
    "entity or business associate and have received the record for treatment, payment, or "
    "health care operations; or you have received the record from a covered entity or "
    "business associate as permitted by 45 CFR part 164, subparts A and E. A general "
    "authorization for the release of medical or other information is NOT sufficient to meet "
    "the required elements of written consent to further use or redisclose the record (see 42 "
    "CFR 2.31)."
)


def part2_notice() -> str:
    """The notice in the current language."""
    return str(PART2_NOTICE)
