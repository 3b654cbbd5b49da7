"""The directory's own taxonomy and a small AIRS/211 cross-reference, as HSDS taxonomy terms."""

from __future__ import annotations

from . import DIRECTORY_URI, make_id

RECOVERY = {
    "id": make_id("taxonomy:recovery-support"),
    "name": "Recovery Support Directory Taxonomy",
    "description": "Kinds of non-clinical and community recovery support listed in this "
                   "directory, grouped so people can browse by what they need.",
    "uri": f"{DIRECTORY_URI}/taxonomy/recovery-support",
    "version": "1.0",
}
AIRS = {
    "id": make_id("taxonomy:airs-211"),
    "name": "AIRS/211 Taxonomy (cross-reference)",
    "description": "The two AIRS/211 LA County Taxonomy codes our categories map to, so "
                   "referral partners that use 211 codes can match our listings.",
    "uri": f"{DIRECTORY_URI}/taxonomy/airs-211-crosswalk",
    "version": "2026 crosswalk",
}

# code, name, parent code, description
RECOVERY_TERMS = (
    ("peer-support", "Peer recovery support", None,
     "Support from people with lived experience of recovery who walk alongside you."),
    ("mentorship", "Mentorship and peer recovery coaching", "peer-support",
     "One-on-one coaching and mentoring by trained peers to set and reach recovery goals."),
    ("family", "Family counseling and education", None,
     "Help for parents, partners and relatives of someone who uses substances or is in recovery."),
    ("family-counseling", "Family counseling", "family",
     "Counseling sessions for families to heal relationships and support a loved one's recovery."),
    ("family-education", "Family education and support groups", "family",
     "Classes and groups where families learn about addiction and support one another."),
    ("sober-support", "Sober-support networks", None,
     "Community networks that make it easier to stay connected to recovery every day."),
    ("mutual-help", "Mutual-help meetings", "sober-support",
     "Free peer-led meetings where people in recovery share experience and support."),
    ("rco", "Recovery community organizations", "sober-support",
     "Independent, recovery-led groups offering drop-in centers, events and advocacy."),
    ("recovery-housing", "Peer recovery housing", None,
     "Alcohol- and drug-free shared homes where residents support each other's recovery."),
    ("employment", "Recovery-friendly employment", None,
     "Job coaching, training and employers who welcome people in recovery."),
    ("telehealth", "Telehealth counseling", None,
     "Counseling and recovery support by phone or video from wherever you are."),
    ("transportation", "Transportation", None,
     "Rides and travel help to reach meetings, appointments, work and treatment."),
)
AIRS_TERMS = (
    ("PN-8100.0500", "Support Groups",
     "Programs that bring people with a common problem together to share experiences and "
     "offer each other emotional support."),
    ("RX-8500.6500", "Recovery Homes/Halfway Houses",
     "Residential programs that offer a supportive, substance-free place to live while "
     "people re-establish themselves in the community."),
)

#: HSDS lets every term carry its taxonomy as ``taxonomy_detail``. The catalog loader
#: (directory/interop/hsds_json.py) merges each term separately, so a taxonomy repeated on
#: several terms is inserted twice (UNIQUE constraint failed: dir_taxonomy.id). Until it
#: de-duplicates, only the first term of each taxonomy carries the detail; every term still
#: names its taxonomy by ``taxonomy_id`` (the convention of tests/data/small_catalog).
DETAIL_ON_EVERY_TERM = True

#: Leaf terms (and top-level terms without children) a service can be tagged with.
LEAF_CODES = ("mentorship", "family-counseling", "family-education", "mutual-help", "rco",
              "recovery-housing", "employment", "telehealth", "transportation")


def term_id(code: str) -> str:
    return make_id(f"taxonomy_term:{code}")


def taxonomy_terms() -> list[dict]:
    """Every taxonomy term, each carrying its taxonomy as ``taxonomy_detail``."""
    terms = []
    for code, name, parent, description in RECOVERY_TERMS:
        term = {"id": term_id(code), "code": code, "name": name, "description": description}
        if parent:
            term["parent_id"] = term_id(parent)
        term.update({"taxonomy": RECOVERY["name"], "taxonomy_id": RECOVERY["id"],
                     "language": "en", "taxonomy_detail": dict(RECOVERY)})
        terms.append(term)
    for code, name, description in AIRS_TERMS:
        terms.append({"id": term_id(code), "code": code, "name": name,
                      "description": description, "taxonomy": AIRS["name"],
                      "taxonomy_id": AIRS["id"], "language": "en",
                      "taxonomy_detail": dict(AIRS)})
    if not DETAIL_ON_EVERY_TERM:
        described = set()
        for term in terms:
            if term["taxonomy_id"] in described:
                del term["taxonomy_detail"]
            described.add(term["taxonomy_id"])
    codes = [t["code"] for t in terms]
    if len(set(codes)) != len(codes) or not set(LEAF_CODES) <= set(codes):
        raise ValueError("taxonomy codes are inconsistent")
    return terms


def attributes_for(service_id: str, codes: list[str]) -> list[dict]:
    """HSDS attributes linking a service to taxonomy terms (ours plus AIRS cross-references)."""
    wanted = list(dict.fromkeys(codes))
    for code in codes:
        if code not in LEAF_CODES:
            raise ValueError(f"{code!r} is not a leaf term of the directory taxonomy")
    if {"mutual-help", "family-education"} & set(wanted):
        wanted.append("PN-8100.0500")
    if "recovery-housing" in wanted:
        wanted.append("RX-8500.6500")
    return [{"id": make_id(f"attribute:{service_id}:{code}"), "link_id": service_id,
             "link_type": "taxonomy", "link_entity": "service",
             "taxonomy_term_id": term_id(code)} for code in wanted]
