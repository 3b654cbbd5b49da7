"""Catalog-wide touches applied after every service exists: how fresh each listing is, who is
not taking new clients, rare alerts, expired certificates; then a tidy key order."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from . import (
    ASSURER_EMAILS,
    REFERENCE_DATE,
    REFERENCE_MOMENT,
    days_before,
    iso_date,
    iso_moment,
    rng_for,
)
from .phrases_d import ALERTS

NO_ASSURED_DATE = 3
STALE_SHARE = 0.12
NOT_ACCEPTING_SHARE = 0.15
EXPIRED_CERTIFICATES = 2

SERVICE_KEYS = (
    "id", "organization_id", "program_id", "name", "alternate_name", "description", "url",
    "email", "status", "interpretation_services", "application_process", "fees_description",
    "wait_time", "fees", "accreditations", "eligibility_description", "minimum_age",
    "maximum_age", "assured_date", "assurer_email", "licenses", "alert", "last_modified",
    "phones", "schedules", "service_areas", "service_at_locations", "languages", "funding",
    "cost_options", "required_documents", "contacts", "attributes",
    # extensions (our HSDS profile)
    "accepting_new_clients", "gender_eligibility", "insurance_accepted", "sliding_scale",
    "free_of_charge", "beds_total", "beds_available", "availability_updated_at", "allows_mat",
    "narr_level", "certifier", "certificate_id", "certification_expires", "waitlist_status",
)


def _moment_on(day, rng) -> datetime:
    moment = datetime.combine(day, time(rng.randint(14, 23), rng.choice((0, 10, 25, 40, 55))),
                              tzinfo=UTC)
    return min(moment, REFERENCE_MOMENT - timedelta(hours=1))


def finalize(entries: list[tuple[dict, dict]]) -> None:
    """``entries``: (service, facts) for every service of the catalog, in catalog order."""
    rng = rng_for("finalize")
    count = len(entries)
    order = list(range(count))
    rng.shuffle(order)
    stale_count = round(STALE_SHARE * count)
    for rank, index in enumerate(order):
        service, facts = entries[index]
        if rank < NO_ASSURED_DATE:
            facts["freshness"] = "never verified"
            edited = days_before(rng.randint(420, 1100))
            service["last_modified"] = iso_moment(_moment_on(edited, rng))
            continue
        if rank < NO_ASSURED_DATE + stale_count:
            assured, facts["freshness"] = days_before(rng.randint(370, 900)), "stale"
        else:
            assured, facts["freshness"] = days_before(rng.randint(1, 330)), "fresh"
        service["assured_date"] = iso_date(assured)
        service["assurer_email"] = rng.choice(ASSURER_EMAILS)
        edited = assured + timedelta(days=rng.choice((0, 0, 0, 1, 2)))
        service["last_modified"] = iso_moment(_moment_on(min(edited, REFERENCE_DATE), rng))

    # Who is not taking new clients: full houses first, then a mix of other services.
    wanted = round(NOT_ACCEPTING_SHARE * count)
    closed = [i for i, (s, _f) in enumerate(entries)
              if s.get("beds_available") == 0 and rng.random() < 0.6]
    # Meetings, drop-in centers and warmlines never close their doors to newcomers.
    limited = ("mentorship", "family-counseling", "telehealth", "employment", "recovery-housing")
    candidates = [i for i, (_s, f) in enumerate(entries)
                  if i not in closed and f["category"] in limited
                  and (not f["virtual"] or f["category"] == "telehealth")]
    rng.shuffle(candidates)
    closed += candidates[: max(0, wanted - len(closed))]
    for index in closed:
        service, facts = entries[index]
        service["accepting_new_clients"] = False
        if service.get("beds_total") is None:
            service["wait_time"] = ("Not taking new clients right now; call to join the "
                                    "waiting list.")

    plain = [i for i, (s, f) in enumerate(entries) if f["category"] != "recovery-housing"]
    for alert, index in zip(ALERTS, rng.sample(plain, len(ALERTS)), strict=True):
        entries[index][0]["alert"] = alert

    certified = [i for i, (s, _f) in enumerate(entries) if s.get("certification_expires")]
    for index in rng.sample(certified, EXPIRED_CERTIFICATES):
        entries[index][0]["certification_expires"] = iso_date(days_before(rng.randint(5, 120)))
        entries[index][1]["expired_certificate"] = True

    # Waitlists follow from capacity (no random draws, so the rest of the catalog stays put):
    # a closed intake keeps a long list, a full house a short one.
    for service, _facts in entries:
        if service.get("accepting_new_clients") is False:
            service["waitlist_status"] = "closed" if service.get("beds_total") else "long"
        elif service.get("beds_available") == 0:
            service["waitlist_status"] = "short"
        elif service.get("beds_total"):
            service["waitlist_status"] = "none"

    for service, _facts in entries:
        unknown = set(service) - set(SERVICE_KEYS)
        if unknown:
            raise ValueError(f"unexpected service fields {sorted(unknown)}")
        ordered = {key: service[key] for key in SERVICE_KEYS if key in service}
        service.clear()
        service.update(ordered)
