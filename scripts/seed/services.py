"""One HSDS service (with its phones, languages, costs, hours, locations and taxonomy links)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import draw, fill, make_id, slugify
from . import phrases_b as B
from . import phrases_c as C
from . import phrases_d as D
from .builders import LANGUAGE_NAMES, PhoneBook, Site, ascii_name, person, street_name
from .kinds import EMAIL_BOX, KINDS, SPANISH_NAMES, Kind, draw_fitting
from .regions import Region
from .schedules import hours_phrase, pick_pattern, schedule_objects, spans_midnight
from .services_b import (
    NOT_HOUSING,
    ages_for,
    cost_option,
    housing_fields,
    insurance_for,
    licensing,
    service_areas,
)
from .taxonomy import attributes_for


@dataclass
class OrgContext:
    region: Region
    spec: object          # orgs_a.Org
    org_id: str
    key: str
    short: str
    domain: str
    phones: PhoneBook
    office: Site
    used_names: set




def choose_name(ctx: OrgContext, kind: Kind, code: str, site: Site,
                rng: random.Random) -> tuple[str, str]:
    """A service name that fits the gender of the service and is new within the org."""
    wanted = {"Hw": "female", "Hm": "male"}.get(code)
    if code == "H":
        wanted = rng.choice(("all", "all", "female", "male"))
    options = list(kind.names or kind.pool["names"])
    street = site.street.street if site.street else ctx.office.street.street
    hood = site.street.hood if site.street else ctx.office.street.hood
    for _ in range(40):
        deck = "H" if kind.term == "recovery-housing" else code
        template, gender = draw(f"names:{deck}", options)
        if gender == "gender":
            gender = wanted or "all"
        spanish_elsewhere = "Spanish" in template and ctx.region.spanish_share < 0.3
        if spanish_elsewhere or (wanted and gender != wanted):
            continue
        place = hood.replace("downtown ", "")
        name = fill(template, {"hood": place[0].upper() + place[1:],
                               "street_name": street_name(street)})
        if kind.term == "recovery-housing" and gender != "all" and "Women" not in name \
                and "Men" not in name and "Mothers" not in name and "Veterans" not in name:
            label = "Women's" if gender == "female" else "Men's"
            if name.startswith("The House on "):
                name = name.replace("The House", f"The {label} House", 1)
            else:
                name += " for Women" if gender == "female" else " for Men"
        if name not in ctx.used_names:
            ctx.used_names.add(name)
            return name, gender
    raise RuntimeError(f"no fresh {code} name left for {ctx.spec.name}")


def compose(kind: Kind, code: str, name: str, context: dict, housing: dict) -> str:
    """Three to five sentences: who it is for, what happens, and how to start."""
    pool = kind.pool
    key = "H" if kind.term == "recovery-housing" else code
    youth = "Teen" in name or "Young" in name
    sentences = [draw("who:youth", C.YOUTH_WHO) if youth
                 else draw_fitting(f"who:{key}", pool["who"], name)]
    if kind.late:
        sentences.append(draw(f"late:{key}", kind.late))
    if housing["beds_total"] is not None:
        sentences.append(draw("facts:H", pool["facts"]))
    first = draw_fitting(f"what:{key}", pool["what"], name)
    second = draw_fitting(f"what:{key}", pool["what"], name)
    short = (kind.late and code != "FEv") or housing["beds_total"] is not None
    sentences += [first] if short else [first, second]
    if housing["allows_mat"] is not None:
        mat = "mat_yes" if housing["allows_mat"] else "mat_no"
        sentences.append(draw(f"{mat}:H", pool[mat]))
    sentences.append(draw(f"start:{key}", pool["start"]))
    return " ".join(fill(s, context) for s in dict.fromkeys(sentences))


def housing_context(housing: dict, gender: str) -> dict:
    beds = housing["beds_total"]
    size = "small" if beds <= 6 else "medium" if beds <= 12 else "large"
    word, note, note_verb = B.SIZE_NOTES[size]
    return {"beds": beds, "size_word": word, "size_note": note, "size_note_verb": note_verb,
            "residents": {"female": "women", "male": "men"}.get(gender, "adults of any gender")}


def languages(ctx: OrgContext, name: str, rng: random.Random) -> list[str]:
    codes = ["en"]
    if "es" in ctx.spec.langs or "Spanish" in name or rng.random() < ctx.region.spanish_share:
        codes.append("es")
    for _label, code, share in ctx.region.extra_languages:
        if code in ctx.spec.langs or rng.random() < share:
            codes.append(code)
    for code in ctx.spec.langs:
        if code not in codes:
            codes.append(code)
    if ctx.region.key in ("chicago", "portland") and rng.random() < 0.05:
        codes.append("ase")
    return codes


def build_service(ctx: OrgContext, code: str, index: int, site: Site,
                  program_id: str | None) -> tuple[dict, dict]:
    """The service and facts about it for the summary (category, virtual, past midnight)."""
    kind = KINDS[code]
    key = f"{ctx.key}/service:{index}"
    service_id = make_id(key)
    rng = random.Random(f"{key}:details")
    name, gender = choose_name(ctx, kind, code, site, rng)
    phone = ctx.phones.number(site.city, (site.street or ctx.office.street).zip_code)
    hours_kind = kind.hours
    if hours_kind == "meetings" and gender != "all":
        hours_kind = "meeting_single"
    pattern = pick_pattern(hours_kind, rng)
    context = {"short": ctx.short, "hood": (site.street or ctx.office.street).hood,
               "city": site.city, "street": site.address or ctx.office.address, "phone": phone,
               "state_name": ctx.region.state_name, "hours": hours_phrase(pattern)}
    housing = housing_fields(ctx.region, rng) if kind.term == "recovery-housing" else NOT_HOUSING
    if housing["beds_total"] is not None:
        context.update(housing_context(housing, gender))
    pricing = "warmline" if code == "Mn" else kind.term
    cost, fees_text = cost_option(service_id, pricing, rng)
    codes = languages(ctx, name, rng)
    minimum, maximum = ages_for(name)
    context["ages"] = (f"young people ages {minimum} to {maximum}" if maximum
                       else f"adults {minimum} and older")
    context["gender_note"] = {"female": " This service is for women, including trans women.",
                              "male": " This service is for men, including trans men.",
                              "all": ""}[gender]
    if maximum:
        eligibility = f"Young people ages {minimum} to {maximum}, and their parents or guardians."
    else:
        eligibility = fill(rng.choice(D.ELIGIBILITY[kind.group]), context)
    box = "nightline" if code == "Mn" else EMAIL_BOX[kind.group]
    service = {
        "id": service_id, "organization_id": ctx.org_id, "name": name,
        "description": compose(kind, code, name, context, housing),
        "url": f"https://{ctx.domain}/{slugify(name)}", "email": f"{box}@{ctx.domain}",
        "status": "active",
        "application_process": fill(rng.choice(D.APPLICATION[kind.group]), context),
        "fees_description": fill(fees_text, context),
        "eligibility_description": eligibility,
        "minimum_age": minimum,
    }
    if program_id:
        service["program_id"] = program_id
    if "es" in codes and "es" in ctx.spec.langs and rng.random() < 0.6:
        service["alternate_name"] = SPANISH_NAMES[kind.term]
    if maximum is not None:
        service["maximum_age"] = maximum
    if rng.random() < 0.25:
        service["interpretation_services"] = draw("interpretation", D.INTERPRETATION)
    wait = D.WAIT_TIMES.get(kind.group) if kind.term != "family-education" else None
    if kind.term == "recovery-housing" and housing["beds_available"] == 0:
        service["wait_time"] = "All beds are full; waiting list of about three to five weeks."
    elif wait and rng.random() < 0.5:
        service["wait_time"] = rng.choice(wait)
    service.update(licensing(kind.term, ctx.region, rng))

    service["phones"] = [{"id": make_id(f"{key}:phone:0"), "service_id": service_id,
                          "number": phone, "type": "voice",
                          "description": "Calls answered during service hours."}]
    if code in ("Mn", "Mv", "X", "MHv") or (kind.group == "mentor" and rng.random() < 0.3):
        service["phones"].append({"id": make_id(f"{key}:phone:1"), "service_id": service_id,
                                  "number": phone, "type": "text",
                                  "description": "Text messages welcome at the same number."})
    service["languages"] = [
        dict({"id": make_id(f"{key}:language:{code}"), "service_id": service_id,
              "name": LANGUAGE_NAMES[code], "code": code},
             **({"note": draw(f"langnote:{code}", D.LANGUAGE_NOTES[code])} if code != "en" else {}))
        for code in codes
    ]
    service["cost_options"] = [cost]
    documents = D.REQUIRED_DOCUMENTS.get(kind.group)
    if documents and (kind.group == "house" or rng.random() < 0.5):
        service["required_documents"] = [
            {"id": make_id(f"{key}:document:{i}"), "service_id": service_id, "document": doc}
            for i, doc in enumerate(documents[: rng.randint(1, len(documents))])]
    if rng.random() < 0.3 or kind.group == "house":
        service["funding"] = [{"id": make_id(f"{key}:funding:0"), "service_id": service_id,
                               "source": D.SERVICE_FUNDING[kind.group]}]
    if rng.random() < 0.35:
        first, last = person(ctx.region, rng)
        service["contacts"] = [{"id": make_id(f"{key}:contact:0"), "service_id": service_id,
                                "name": f"{first} {last}", "title": D.SERVICE_TITLES[kind.group],
                                "email": f"{ascii_name(first)}.{ascii_name(last)}@{ctx.domain}"}]
    if kind.virtual or kind.term == "transportation":
        service["service_areas"] = service_areas(service_id, ctx.region, kind.term, rng)

    attending = "online" if kind.virtual else "in person"
    sal_id = make_id(f"{key}:at:{site.location['id']}")
    sal = {"id": sal_id, "service_id": service_id, "location_id": site.location["id"]}
    if kind.virtual:
        service["schedules"] = schedule_objects(
            pattern, make_id=make_id, owner_field="service_id", owner_id=service_id,
            offset=ctx.region.utc_offset, attending="by phone or video")
        sal["description"] = "Offered by phone and video."
        sal["schedules"] = []
    else:
        sal["schedules"] = schedule_objects(
            pattern, make_id=make_id, owner_field="service_at_location_id", owner_id=sal_id,
            offset=ctx.region.utc_offset, attending=attending,
            note="Closed on major holidays." if kind.term != "recovery-housing" else None)
        if kind.term == "recovery-housing":
            sal["description"] = "House manager and residents on site around the clock."
    service["service_at_locations"] = [sal]

    secondary = []
    if kind.term == "recovery-housing" and rng.random() < 0.25:
        secondary.append("mentorship")
    if kind.term == "rco" and rng.random() < 0.4:
        secondary.append("mutual-help")
    service["attributes"] = attributes_for(service_id, [kind.term] + secondary)
    service.update({
        "accepting_new_clients": True, "gender_eligibility": gender,
        "insurance_accepted": insurance_for(pricing, cost["option"], rng),
        "sliding_scale": cost["option"] == "Sliding scale",
        "free_of_charge": cost["option"] == "Free",
    })
    service.update(housing)
    site.language_codes.extend(codes)
    facts = {"category": kind.term, "virtual": kind.virtual, "region": ctx.region.key,
             "midnight": any(spans_midnight(o, c) for _d, o, c in pattern), "codes": codes}
    return service, facts
