"""What each service code means (category, phrase pools, hours, virtual or not) and which
sentences would contradict a service's name."""

from __future__ import annotations

from dataclasses import dataclass

from . import draw
from . import phrases_a as A
from . import phrases_b as B
from . import phrases_c as C

FAMILY_ONLINE = dict(
    A.FAMILY_EDUCATION,
    what=[s for s in A.FAMILY_EDUCATION["what"] if "naloxone" not in s and "Childcare" not in s],
    start=["Register on the website or call {phone}, and the video link will be emailed to you.",
           "Call or text {phone} to get the link; you can join by phone if you have no computer."],
)


@dataclass(frozen=True)
class Kind:
    term: str       # our taxonomy term (the service's category)
    group: str      # key of the shared phrase pools in phrases_d
    pool: dict
    hours: str      # schedule pattern kind
    virtual: bool = False
    late: tuple = ()  # extra sentences for late-night variants
    names: tuple = ()  # names overriding the pool's


KINDS = {
    "M": Kind("mentorship", "mentor", A.MENTOR, "mentor"),
    "Mv": Kind("mentorship", "mentor", A.MENTOR_VIRTUAL, "mentor_v", virtual=True),
    "Mn": Kind("mentorship", "mentor", A.WARMLINE, "warmline", virtual=True),
    "FC": Kind("family-counseling", "family", A.FAMILY_COUNSELING, "family"),
    "FE": Kind("family-education", "family", A.FAMILY_EDUCATION, "family_group"),
    "FEv": Kind("family-education", "family", FAMILY_ONLINE, "family_group", virtual=True,
                late=tuple(C.ONLINE_NOTE),
                names=(("Online Family Support Group", "all"),
                       ("Virtual Family Recovery Class", "all"),
                       ("Family Support Group by Video", "all"))),
    "MH": Kind("mutual-help", "mutual", B.MUTUAL_HELP, "meetings"),
    "MHv": Kind("mutual-help", "mutual", B.MUTUAL_HELP_ONLINE, "meetings", virtual=True),
    "MHn": Kind("mutual-help", "mutual", B.MUTUAL_HELP, "late_meeting",
                late=tuple(B.LATE_MEETING["what"]),
                names=(("Midnight Recovery Meeting", "all"),
                       ("Night Owls Recovery Meeting", "all"))),
    "R": Kind("rco", "rco", B.RCO, "center"),
    "Rn": Kind("rco", "rco", B.RCO, "late_center", late=tuple(B.LATE_DROPIN["what"]),
               names=(("Late-Night Sober Hangout", "all"),)),
    "H": Kind("recovery-housing", "house", B.HOUSING, "housing"),
    "E": Kind("employment", "employ", C.EMPLOYMENT, "employment"),
    "T": Kind("telehealth", "tele", C.TELEHEALTH, "telehealth", virtual=True),
    "Tn": Kind("telehealth", "tele", C.TELEHEALTH, "late_telehealth", virtual=True,
               late=tuple(C.LATE_TELEHEALTH),
               names=(("Late-Evening Telehealth Counseling", "all"),)),
    "X": Kind("transportation", "trans", C.TRANSPORTATION, "transport"),
}
KINDS["Hw"] = KINDS["Hm"] = KINDS["H"]
EMAIL_BOX = {"mentor": "coaching", "family": "families", "mutual": "meetings", "rco": "hello",
             "house": "housing", "employ": "jobs", "tele": "telehealth", "trans": "rides"}
SPANISH_NAMES = {
    "mentorship": "Acompañamiento entre pares", "family-counseling": "Consejería familiar",
    "family-education": "Grupo de apoyo para familias", "mutual-help": "Juntas de recuperación",
    "rco": "Centro comunitario de recuperación", "recovery-housing": "Casa de recuperación",
    "employment": "Empleo en recuperación", "telehealth": "Consejería por video",
    "transportation": "Transporte a citas de recuperación",
}



#: Sentences that would contradict a service's name: (words in the sentence, words in the name).
CONFLICTS = (
    ("Twelve-step", ("Secular", "Self-Management", "Mindfulness", "Spanish")),
    ("Self-management meetings", ("Twelve-Step", "Mindfulness")),
    ("secular format", ("Twelve-Step",)),
    ("meditation", ("Twelve-Step", "Self-Management", "Secular")),
    ("every gender", ("Women's", "Men's", "Mothers", "Veterans")),
    ("For parents in recovery", ("Reentry", "Young")),
    ("For couples", ("Parent and Teen", "Kinship")),
)


def fits(sentence: str, name: str) -> bool:
    return not any(a in sentence and any(b in name for b in names) for a, names in CONFLICTS)


def draw_fitting(deck: str, pool: list[str], name: str) -> str:
    for _ in range(len(pool) * 2):
        sentence = draw(deck, pool)
        if fits(sentence, name):
            return sentence
    raise RuntimeError(f"no sentence of {deck} fits {name!r}")
